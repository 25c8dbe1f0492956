// Package config reads HealthSynx settings from environment variables and the matching
// command-line flags (a flag wins over the variable).
package config

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// Config is every setting of a HealthSynx process.
type Config struct {
	Addr         string // HEALTHSYNX_ADDR
	DatabaseURL  string // HEALTHSYNX_DATABASE_URL
	DataDir      string // HEALTHSYNX_DATA_DIR
	SecretKey    string // HEALTHSYNX_SECRET_KEY; generated into the data dir when unset
	Currency     string // HEALTHSYNX_CURRENCY
	Timezone     string // HEALTHSYNX_TIMEZONE
	HospitalName string // HEALTHSYNX_HOSPITAL_NAME
	TrustProxy   bool   // HEALTHSYNX_TRUST_PROXY: honour X-Forwarded-For / -Proto
	MetricsToken string // HEALTHSYNX_METRICS_TOKEN: lets non-loopback clients read /metrics
	LogLevel     string // HEALTHSYNX_LOG_LEVEL: debug, info, warn, error
	DBWait       time.Duration
	AccessTTL    time.Duration // HEALTHSYNX_ACCESS_TOKEN_TTL
	RefreshTTL   time.Duration // HEALTHSYNX_REFRESH_TOKEN_TTL

	SMTPAddr     string // HEALTHSYNX_SMTP_ADDR host:port
	SMTPUser     string // HEALTHSYNX_SMTP_USER
	SMTPPassword string // HEALTHSYNX_SMTP_PASSWORD
	SMTPFrom     string // HEALTHSYNX_SMTP_FROM
	SMSURL       string // HEALTHSYNX_SMS_URL: the HTTP gateway
	SMSToken     string // HEALTHSYNX_SMS_TOKEN
}

// Defaults returns the settings of a fresh laptop install.
func Defaults() Config {
	return Config{
		Addr:         "127.0.0.1:8000",
		DataDir:      "./data",
		Currency:     "KES",
		Timezone:     "Africa/Nairobi",
		HospitalName: "HealthSynx Hospital",
		LogLevel:     "info",
		DBWait:       15 * time.Second,
		AccessTTL:    15 * time.Minute,
		RefreshTTL:   7 * 24 * time.Hour,
	}
}

// Bind registers the shared flags on fs, with defaults taken from env (or the built-in
// defaults), so that Parse leaves the flag, else the variable, else the default.
func (c *Config) Bind(fs *flag.FlagSet, getenv func(string) string) {
	str := func(p *string, name, env, usage string) {
		if v := getenv(env); v != "" {
			*p = v
		}
		fs.StringVar(p, name, *p, usage+" ("+env+")")
	}
	dur := func(p *time.Duration, name, env, usage string) {
		if v := getenv(env); v != "" {
			if d, err := time.ParseDuration(v); err == nil {
				*p = d
			}
		}
		fs.DurationVar(p, name, *p, usage+" ("+env+")")
	}
	str(&c.Addr, "addr", "HEALTHSYNX_ADDR", "address to listen on")
	str(&c.DatabaseURL, "database-url", "HEALTHSYNX_DATABASE_URL", "database: sqlite:///path.db, postgres://…, mysql://… (default: SQLite in the data dir)")
	str(&c.DataDir, "data-dir", "HEALTHSYNX_DATA_DIR", "directory for the SQLite file, the secret key and attachments")
	str(&c.Currency, "currency", "HEALTHSYNX_CURRENCY", "ISO 4217 currency of all amounts")
	str(&c.Timezone, "timezone", "HEALTHSYNX_TIMEZONE", "hospital time zone for days in reports")
	str(&c.HospitalName, "hospital-name", "HEALTHSYNX_HOSPITAL_NAME", "name printed on invoices and pages")
	str(&c.MetricsToken, "metrics-token", "HEALTHSYNX_METRICS_TOKEN", "bearer token that lets non-loopback clients read /metrics")
	str(&c.LogLevel, "log-level", "HEALTHSYNX_LOG_LEVEL", "debug, info, warn or error")
	str(&c.SMTPAddr, "smtp-addr", "HEALTHSYNX_SMTP_ADDR", "SMTP server host:port for email notifications")
	str(&c.SMTPUser, "smtp-user", "HEALTHSYNX_SMTP_USER", "SMTP user name")
	str(&c.SMTPFrom, "smtp-from", "HEALTHSYNX_SMTP_FROM", "sender address of email notifications")
	str(&c.SMSURL, "sms-url", "HEALTHSYNX_SMS_URL", "HTTP SMS gateway URL")
	dur(&c.DBWait, "db-wait", "HEALTHSYNX_DB_WAIT", "how long to wait for the database to answer")
	dur(&c.AccessTTL, "access-token-ttl", "HEALTHSYNX_ACCESS_TOKEN_TTL", "lifetime of API access tokens")
	dur(&c.RefreshTTL, "refresh-token-ttl", "HEALTHSYNX_REFRESH_TOKEN_TTL", "lifetime of API refresh tokens")
	if v := getenv("HEALTHSYNX_TRUST_PROXY"); v != "" {
		c.TrustProxy, _ = strconv.ParseBool(v)
	}
	fs.BoolVar(&c.TrustProxy, "trust-proxy", c.TrustProxy, "trust X-Forwarded-For and X-Forwarded-Proto (HEALTHSYNX_TRUST_PROXY)")
	// Secrets come from the environment only: a flag would show in the process list.
	if v := getenv("HEALTHSYNX_SECRET_KEY"); v != "" {
		c.SecretKey = v
	}
	c.SMTPPassword = getenv("HEALTHSYNX_SMTP_PASSWORD")
	c.SMSToken = getenv("HEALTHSYNX_SMS_TOKEN")
}

// Finish validates the settings and fills in the derived ones: the default database URL
// and, when unset, a secret key generated once and kept in the data directory (0600).
func (c *Config) Finish() error {
	if err := EnsureWritableDir(c.DataDir); err != nil {
		return err
	}
	if c.DatabaseURL == "" {
		abs, err := filepath.Abs(filepath.Join(c.DataDir, "healthsynx.db"))
		if err != nil {
			return err
		}
		c.DatabaseURL = "sqlite://" + abs
	}
	if len(c.Currency) != 3 || strings.ToUpper(c.Currency) != c.Currency {
		return fmt.Errorf("HEALTHSYNX_CURRENCY %q is not a three-letter ISO 4217 code such as KES", c.Currency)
	}
	if _, err := time.LoadLocation(c.Timezone); err != nil {
		return fmt.Errorf("HEALTHSYNX_TIMEZONE %q is not a time zone name such as Africa/Nairobi", c.Timezone)
	}
	if c.SecretKey == "" {
		key, err := loadOrCreateSecret(filepath.Join(c.DataDir, "secret.key"))
		if err != nil {
			return err
		}
		c.SecretKey = key
	}
	if len(c.SecretKey) < 32 {
		return errors.New("HEALTHSYNX_SECRET_KEY must be at least 32 characters")
	}
	return nil
}

// Location is the hospital's time zone.
func (c *Config) Location() *time.Location {
	loc, err := time.LoadLocation(c.Timezone)
	if err != nil {
		return time.UTC
	}
	return loc
}

// EnsureWritableDir creates dir if needed and checks that files can be written in it.
func EnsureWritableDir(dir string) error {
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return fmt.Errorf("data directory %s cannot be created: %v", dir, errors.Unwrap(err))
	}
	f, err := os.CreateTemp(dir, ".write-check-*")
	if err != nil {
		return fmt.Errorf("data directory %s is not writable", dir)
	}
	name := f.Name()
	f.Close()
	return os.Remove(name)
}

func loadOrCreateSecret(path string) (string, error) {
	b, err := os.ReadFile(path)
	if err == nil {
		if s := strings.TrimSpace(string(b)); s != "" {
			return s, nil
		}
	} else if !errors.Is(err, os.ErrNotExist) {
		return "", fmt.Errorf("secret key file %s cannot be read: %v", path, errors.Unwrap(err))
	}
	raw := make([]byte, 32)
	if _, err := rand.Read(raw); err != nil {
		return "", err
	}
	key := hex.EncodeToString(raw)
	// O_EXCL: if another process created it meanwhile, use theirs.
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, os.ErrExist) {
		return loadOrCreateSecret(path)
	}
	if err != nil {
		return "", fmt.Errorf("secret key file %s cannot be created: %v", path, errors.Unwrap(err))
	}
	defer f.Close()
	if _, err := f.WriteString(key + "\n"); err != nil {
		return "", err
	}
	return key, nil
}
