package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"golang.org/x/term"

	"healthsynx/internal/config"
	"healthsynx/internal/identity"
	"healthsynx/internal/platform/errs"
)

func init() {
	register("createsuperuser", "create an administrator account with full access", cmdCreateSuperuser)
	register("user", "manage accounts: add, passwd, deactivate", cmdUser)
}

// readPassword reads a password: from stdin when asked (scripts), else from the terminal
// without echo, twice.
func readPassword(fromStdin bool, out io.Writer) (string, error) {
	if fromStdin {
		line, err := bufio.NewReader(os.Stdin).ReadString('\n')
		if err != nil && !errors.Is(err, io.EOF) {
			return "", err
		}
		return strings.TrimRight(line, "\r\n"), nil
	}
	fd := int(os.Stdin.Fd())
	if !term.IsTerminal(fd) {
		return "", usageError{msg: "no terminal to ask for the password: use --password-stdin"}
	}
	fmt.Fprint(out, "Password: ")
	a, err := term.ReadPassword(fd)
	fmt.Fprintln(out)
	if err != nil {
		return "", err
	}
	fmt.Fprint(out, "Password (again): ")
	b, err := term.ReadPassword(fd)
	fmt.Fprintln(out)
	if err != nil {
		return "", err
	}
	if string(a) != string(b) {
		return "", errors.New("the two passwords differ")
	}
	return string(a), nil
}

// prompt asks for a value on the terminal when a flag left it empty.
func prompt(label, value string, out io.Writer) string {
	if value != "" || !term.IsTerminal(int(os.Stdin.Fd())) {
		return value
	}
	fmt.Fprintf(out, "%s: ", label)
	line, _ := bufio.NewReader(os.Stdin).ReadString('\n')
	return strings.TrimSpace(line)
}

// describe turns a validation error into one readable line.
func describe(err error) error {
	var e *errs.Error
	if errors.As(err, &e) && len(e.Fields) > 0 {
		var parts []string
		for f, msgs := range e.Fields {
			parts = append(parts, f+": "+strings.Join(msgs, " "))
		}
		return errors.New(strings.Join(parts, "; "))
	}
	if errors.As(err, &e) && e.Message != "" {
		return errors.New(e.Message)
	}
	return err
}

func cmdCreateSuperuser(ctx context.Context, args []string, env func(string) string, out io.Writer) error {
	cfg := config.Defaults()
	fs := flags("createsuperuser", &cfg, env, out)
	username := fs.String("username", "", "username (asked for when omitted on a terminal)")
	email := fs.String("email", "", "email address")
	first := fs.String("first-name", "", "first name")
	last := fs.String("last-name", "", "last name")
	pwStdin := fs.Bool("password-stdin", false, "read the password from the first line of standard input (for scripts)")
	if err := parse(fs, args); err != nil {
		return err
	}
	*username = prompt("Username", *username, out)
	if *username == "" {
		return usageError{msg: "--username is required"}
	}
	*email = prompt("Email (optional)", *email, out)
	pw, err := readPassword(*pwStdin, out)
	if err != nil {
		return err
	}
	a, err := open(ctx, cfg, true)
	if err != nil {
		return err
	}
	defer a.Close()
	acct, err := a.Identity.CreateSuperuser(ctx, identity.AccountInput{Username: username, Email: email, FirstName: first, LastName: last, Password: &pw})
	if err != nil {
		return describe(err)
	}
	fmt.Fprintf(out, "superuser %s created (id %d)\n", acct.Username, acct.ID)
	return nil
}

func cmdUser(ctx context.Context, args []string, env func(string) string, out io.Writer) error {
	if len(args) == 0 || strings.HasPrefix(args[0], "-") {
		fmt.Fprintln(out, "Usage: healthsynx user <add|passwd|deactivate> [flags]")
		if len(args) > 0 && (args[0] == "-h" || args[0] == "--help") {
			return nil
		}
		return usageError{msg: "name an action: add, passwd or deactivate"}
	}
	action, args := args[0], args[1:]
	cfg := config.Defaults()
	fs := flags("user "+action, &cfg, env, out)
	username := fs.String("username", "", "the account's username")
	pwStdin := fs.Bool("password-stdin", false, "read the password from the first line of standard input")
	var in identity.AccountInput
	var role, email, first, last, phone, dept, spec, licence *string
	if action == "add" {
		role = fs.String("role", "", "role: admin, hospital_admin, doctor, nurse, pharmacist, billing, lab_tech, imaging_tech")
		email = fs.String("email", "", "email address")
		first = fs.String("first-name", "", "first name")
		last = fs.String("last-name", "", "last name")
		phone = fs.String("phone", "", "phone number")
		dept = fs.String("department", "", "department name")
		spec = fs.String("specialization", "", "doctor or nurse specialization")
		licence = fs.String("license-number", "", "doctor or nurse licence number")
	}
	switch action {
	case "add", "passwd", "deactivate":
	default:
		return usageError{msg: fmt.Sprintf("unknown action %q (use add, passwd or deactivate)", action)}
	}
	if err := parse(fs, args); err != nil {
		return err
	}
	if *username == "" {
		return usageError{msg: "--username is required"}
	}
	a, err := open(ctx, cfg, true)
	if err != nil {
		return err
	}
	defer a.Close()
	switch action {
	case "add":
		pw, err := readPassword(*pwStdin, out)
		if err != nil {
			return err
		}
		in = identity.AccountInput{Username: username, Password: &pw, Role: role, Email: email, FirstName: first, LastName: last,
			Phone: phone, Specialization: spec, LicenseNumber: licence}
		if *dept != "" {
			id, err := a.Departments.IDByName(ctx, *dept)
			if err != nil {
				return describe(err)
			}
			in.Department = &id
		}
		acct, err := a.Identity.CreateStaff(ctx, identity.System, in)
		if err != nil {
			return describe(err)
		}
		fmt.Fprintf(out, "account %s (%s) created (id %d)\n", acct.Username, acct.Role, acct.ID)
	case "passwd":
		id, err := a.Identity.UserIDByUsername(ctx, *username)
		if err != nil {
			return describe(err)
		}
		pw, err := readPassword(*pwStdin, out)
		if err != nil {
			return err
		}
		if err := a.Identity.ResetPassword(ctx, identity.System, id, pw); err != nil {
			return describe(err)
		}
		fmt.Fprintf(out, "password of %s changed; its sessions and tokens were ended\n", *username)
	case "deactivate":
		id, err := a.Identity.UserIDByUsername(ctx, *username)
		if err != nil {
			return describe(err)
		}
		if _, err := a.Identity.SetActive(ctx, identity.System, id, false); err != nil {
			return describe(err)
		}
		fmt.Fprintf(out, "account %s deactivated; its sessions and tokens were ended\n", *username)
	}
	return nil
}
