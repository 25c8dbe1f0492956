package auth

import "testing"

// product is the access table of PRODUCT.md §2, written out independently of the policy
// so that a change to either one is noticed: permission → roles that hold it (admin and
// superusers hold everything and are checked separately).
var product = map[Perm][]Role{
	DepartmentsRead:        {RoleHospitalAdmin, RoleDoctor, RoleNurse, RolePharmacist, RoleBilling, RoleLabTech, RoleImagingTech},
	DepartmentsWrite:       {RoleHospitalAdmin},
	UsersRead:              {RoleHospitalAdmin},
	UsersWrite:             {RoleHospitalAdmin},
	StaffRead:              {RoleHospitalAdmin, RoleDoctor, RoleNurse, RolePharmacist, RoleBilling, RoleLabTech, RoleImagingTech},
	DashboardAdmin:         {},
	DashboardHospitalAdmin: {RoleHospitalAdmin},
	DashboardNurse:         {RoleNurse},
	PatientsLookup:         {RoleHospitalAdmin, RoleDoctor, RoleNurse, RolePharmacist, RoleBilling, RoleLabTech, RoleImagingTech},
	PatientsRead:           {RoleHospitalAdmin, RoleDoctor, RoleNurse},
	PatientsWrite:          {RoleHospitalAdmin, RoleNurse},
	PatientsArchive:        {RoleHospitalAdmin},
	PatientsRestore:        {},
	PatientSelf:            {RolePatient},
	VitalsRead:             {RoleHospitalAdmin, RoleDoctor, RoleNurse},
	VitalsWrite:            {RoleDoctor, RoleNurse},
	QueueRead:              {RoleHospitalAdmin, RoleDoctor, RoleNurse, RolePharmacist, RoleLabTech, RoleImagingTech},
	QueueEnqueue:           {RoleDoctor, RoleNurse},
	QueueManage:            {RoleDoctor},
	NotesRead:              {RoleDoctor, RoleNurse},
	NotesWrite:             {RoleDoctor},
	DashboardDoctor:        {RoleDoctor},
	BillingRead:            {RoleHospitalAdmin, RoleBilling},
	BillingWrite:           {RoleBilling},
	BillingVoid:            {},
	PriceListRead:          {RoleHospitalAdmin, RoleDoctor, RoleNurse, RolePharmacist, RoleBilling, RoleLabTech, RoleImagingTech},
	PriceListWrite:         {RoleHospitalAdmin},
	DashboardBilling:       {RoleBilling},
	AuditRead:              {RoleHospitalAdmin},
	AuditOwnViews:          {RolePatient},
}

func TestPolicyMatchesTheProductTable(t *testing.T) {
	for perm := range grants {
		if _, ok := product[perm]; !ok {
			t.Errorf("permission %q is in the policy but not in this test's product table", perm)
		}
	}
	for perm, roles := range product {
		want := map[Role]bool{RoleAdmin: true}
		for _, r := range roles {
			want[r] = true
		}
		for _, r := range Roles {
			got := Allows(&Principal{Role: r}, perm)
			if got != want[r] {
				t.Errorf("%s for %s: policy says %v, product table says %v", perm, r, got, want[r])
			}
		}
		if !Allows(&Principal{Role: RolePatient, Superuser: true}, perm) {
			t.Errorf("%s: a superuser is refused", perm)
		}
		if Allows(nil, perm) {
			t.Errorf("%s: anonymous is allowed", perm)
		}
	}
}

func TestSpecialPermissions(t *testing.T) {
	if !Allows(nil, Public) {
		t.Error("anonymous refused a public route")
	}
	if Allows(nil, Authenticated) || !Allows(&Principal{Role: RolePatient}, Authenticated) {
		t.Error("Authenticated must need exactly a signed-in user")
	}
	if Known("made.up") || Allows(&Principal{Role: RoleHospitalAdmin}, "made.up") {
		t.Error("an unknown permission must be unknown and refused")
	}
}
