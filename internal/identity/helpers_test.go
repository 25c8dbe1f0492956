package identity_test

import (
	"context"
	"testing"

	"healthsynx/internal/apitest"
	"healthsynx/internal/identity"
	"healthsynx/internal/platform/auth"
)

func importLegacy(t *testing.T, e *apitest.Env, username, hash string) {
	t.Helper()
	ok, err := e.App.Identity.ImportAccount(context.Background(), identity.Imported{Username: username, Email: username + "@example.com",
		FirstName: "Lily", LastName: "Johns", Gender: "female", Role: auth.RoleDoctor, PasswordHash: hash,
		Doctor: &identity.DoctorProfile{Specialization: "General", LicenseNumber: "L-" + username}})
	if err != nil || !ok {
		t.Fatalf("import %s: %v %v", username, ok, err)
	}
}
