package auth

// Perm names something a route or page does. Every route names exactly one.
type Perm string

const (
	// Public routes need no authentication (login, health, API docs).
	Public Perm = "public"
	// Authenticated routes need any signed-in user; the handler scopes what they see.
	Authenticated Perm = "authenticated"

	DepartmentsRead  Perm = "departments.read"
	DepartmentsWrite Perm = "departments.write"

	// UsersRead and UsersWrite cover account management (staff and patients).
	UsersRead  Perm = "users.read"
	UsersWrite Perm = "users.write"
	// StaffRead is the staff directory (doctor list and profiles).
	StaffRead Perm = "staff.read"

	DashboardAdmin         Perm = "dashboard.admin"
	DashboardHospitalAdmin Perm = "dashboard.hospital_admin"
	DashboardNurse         Perm = "dashboard.nurse"

	// Patients: PatientsLookup is name and id only (for the desks that need to find a
	// patient); PatientsRead the full demographics; PatientsWrite registration and edits.
	PatientsLookup  Perm = "patients.lookup"
	PatientsRead    Perm = "patients.read"
	PatientsWrite   Perm = "patients.write"
	PatientsArchive Perm = "patients.archive"
	PatientsRestore Perm = "patients.restore"
	// PatientSelf is a patient's access to their own records.
	PatientSelf Perm = "patients.self"

	VitalsRead  Perm = "vitals.read"
	VitalsWrite Perm = "vitals.write"

	// QueueRead sees the queue (scoped by role in the service); QueueEnqueue puts a
	// patient in it; QueueManage claims patients and moves them through the visit.
	QueueRead    Perm = "queue.read"
	QueueEnqueue Perm = "queue.enqueue"
	QueueManage  Perm = "queue.manage"

	NotesRead  Perm = "notes.read"
	NotesWrite Perm = "notes.write"

	DashboardDoctor Perm = "dashboard.doctor"

	// Billing: BillingRead sees charges, invoices and payments; BillingWrite records
	// charges and takes payments; BillingVoid voids and refunds (with a reason).
	BillingRead      Perm = "billing.read"
	BillingWrite     Perm = "billing.write"
	BillingVoid      Perm = "billing.void"
	PriceListRead    Perm = "prices.read"
	PriceListWrite   Perm = "prices.write"
	DashboardBilling Perm = "dashboard.billing"

	AuditRead Perm = "audit.read"
	// AuditOwnViews lets a patient see who viewed their record.
	AuditOwnViews Perm = "audit.own_views"
)

// staff is every role but patient.
var staff = []Role{RoleAdmin, RoleHospitalAdmin, RoleDoctor, RoleNurse, RolePharmacist, RoleBilling, RoleLabTech, RoleImagingTech}

// grants is the policy: which roles hold each permission. The admin role and superusers
// hold every permission and need not be listed. A permission missing here is held by
// nobody else: deny by default.
var grants = map[Perm][]Role{
	DepartmentsRead:  staff,
	DepartmentsWrite: {RoleHospitalAdmin},
	UsersRead:        {RoleHospitalAdmin},
	UsersWrite:       {RoleHospitalAdmin},
	StaffRead:        staff,

	DashboardAdmin:         {},
	DashboardHospitalAdmin: {RoleHospitalAdmin},
	DashboardNurse:         {RoleNurse},

	PatientsLookup:  staff,
	PatientsRead:    {RoleHospitalAdmin, RoleDoctor, RoleNurse},
	PatientsWrite:   {RoleHospitalAdmin, RoleNurse},
	PatientsArchive: {RoleHospitalAdmin},
	PatientsRestore: {},
	PatientSelf:     {RolePatient},

	VitalsRead:  {RoleHospitalAdmin, RoleDoctor, RoleNurse},
	VitalsWrite: {RoleDoctor, RoleNurse},

	QueueRead:    {RoleHospitalAdmin, RoleDoctor, RoleNurse, RolePharmacist, RoleLabTech, RoleImagingTech},
	QueueEnqueue: {RoleDoctor, RoleNurse},
	QueueManage:  {RoleDoctor},

	NotesRead:  {RoleDoctor, RoleNurse},
	NotesWrite: {RoleDoctor},

	DashboardDoctor: {RoleDoctor},

	BillingRead:      {RoleHospitalAdmin, RoleBilling},
	BillingWrite:     {RoleBilling},
	BillingVoid:      {},
	PriceListRead:    staff,
	PriceListWrite:   {RoleHospitalAdmin},
	DashboardBilling: {RoleBilling},

	AuditRead:     {RoleHospitalAdmin},
	AuditOwnViews: {RolePatient},
}

var table = func() map[Perm]map[Role]bool {
	t := map[Perm]map[Role]bool{}
	for perm, roles := range grants {
		t[perm] = map[Role]bool{}
		for _, r := range roles {
			t[perm][r] = true
		}
	}
	return t
}()

// Allows reports whether p may use a route that needs perm. p is nil for anonymous callers.
func Allows(p *Principal, perm Perm) bool {
	switch perm {
	case Public:
		return true
	case Authenticated:
		return p != nil
	}
	if p == nil {
		return false
	}
	if p.FullAccess() {
		return true
	}
	return table[perm][p.Role]
}

// Known reports whether perm is a permission of the policy (used to refuse a route that
// names a permission nobody defined).
func Known(perm Perm) bool {
	if perm == Public || perm == Authenticated {
		return true
	}
	_, ok := grants[perm]
	return ok
}
