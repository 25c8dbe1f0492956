package password

// seedPassword and seedHash come from the original's seed file (INVENTORY §7): the
// bcrypt_sha256 hash of every seeded user, one "$" short of Django's own spelling.
const (
	seedPassword = "TestPass123!"
	seedHash     = "bcrypt_sha256$2b$12$QiWL4/hI4KsOtY4h217TFOqZ3czfEQn0JjTzNh8e.0gz3wIsnKqXK"
)

// Hashes of seedPassword written by Django 3.2.25 (Debian 12's python3-django, with
// python3-bcrypt and python3-argon2) through make_password and its hashers' encode, so that
// the tests check against Django's own output rather than against this package's reading of
// it. The 1,000,000-iteration PBKDF2 hash is Django 5.2's default, the original's version.
const (
	djangoBcryptSHA256  = "bcrypt_sha256$$2b$12$/rF2d6PNOuNH85ziixdTauecTjDz0/Y.Cky02WMNxZ4qNTlxKKx6i"
	djangoPBKDF2SHA256  = "pbkdf2_sha256$260000$y9ai1r4TkjW1ftsUk6ft15$aQ3Qx+verGCf8zYZNdVg6odGeFphOfikdiyvwu3KD6Q="
	djangoPBKDF2SHA256M = "pbkdf2_sha256$1000000$B6iLiuGTOwoFyFiIwiuKde$dpBjcauGt4oBgINFhJjssG0Nf02StWxKvgwR5BCONW0="
	djangoArgon2        = "argon2$argon2id$v=19$m=102400,t=2,p=8$eVY1MGNIU01BMEl3OFBvbFJ1TDA4Yw$9JTNdVeoR58eYx4ctKX5Lw"
)
