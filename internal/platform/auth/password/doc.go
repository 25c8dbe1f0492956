// Package password hashes and checks passwords and applies the password policy.
//
// New hashes are argon2id, written as
//
//	argon2id$v=19$m=<KiB>,t=<passes>,p=<lanes>$<salt>$<key>
//
// with salt and key in unpadded standard base64 (the PHC string format, minus its leading
// "$" so that the first field names the algorithm, as in Django's hashes).
//
// Verify also accepts the hashes imported from the original Django application, so that its
// users can sign in and be moved to argon2id on their next login:
//
//   - bcrypt_sha256$$2b$12$…  Django's BCryptSHA256PasswordHasher;
//   - bcrypt_sha256$2b$12$…   the same, as written (one "$" short) by the original's seed file;
//   - pbkdf2_sha256$…         Django's PBKDF2PasswordHasher;
//   - argon2$argon2id$v=19$…  Django's Argon2PasswordHasher.
//
// Validate applies Django's four default password validators with Django's messages, so that
// every path that sets a password enforces the rules the original only enforced in forms.
package password
