package password

import (
	"bufio"
	"bytes"
	"compress/gzip"
	_ "embed"
	"strings"
	"sync"
)

// commonPasswordsGz is Django's list of common passwords; README.md records its source and
// licence.
//
//go:embed common-passwords.txt.gz
var commonPasswordsGz []byte

// commonPasswords is the list as a set, built on first use: it costs about a megabyte that a
// process which never sets a password need not spend.
var commonPasswords = sync.OnceValue(func() map[string]struct{} {
	set, err := readPasswordList(commonPasswordsGz)
	if err != nil {
		// The file is embedded and a test reads it, so this is a broken build.
		panic("password: embedded common-password list: " + err.Error())
	}
	return set
})

// readPasswordList reads a gzipped list, one password a line, trimmed as Django trims them.
func readPasswordList(gz []byte) (map[string]struct{}, error) {
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		return nil, err
	}
	set := make(map[string]struct{}, 20000)
	lines := bufio.NewScanner(zr)
	for lines.Scan() {
		set[strings.TrimSpace(lines.Text())] = struct{}{}
	}
	return set, lines.Err()
}

// isCommon is Django's CommonPasswordValidator: the list is lowercase, so the password is
// lowercased and trimmed before the lookup.
func isCommon(pw string) bool {
	_, found := commonPasswords()[strings.TrimSpace(strings.ToLower(pw))]
	return found
}
