package identity

import (
	"context"
	"net/http"
	"strconv"
	"strings"

	"healthsynx/internal/platform/auth"
	"healthsynx/internal/platform/db"
	"healthsynx/internal/platform/errs"
	"healthsynx/internal/platform/web"
)

// UserFilter narrows the account list.
type UserFilter struct {
	Search     string
	Role       auth.Role
	StaffOnly  bool // every role but patient
	Department int64
	Active     *bool
}

func parseUserFilter(r *http.Request) (UserFilter, error) {
	q := r.URL.Query()
	f := UserFilter{Search: strings.TrimSpace(q.Get("search")), Role: auth.Role(q.Get("role"))}
	fe := errs.Fields{}
	if f.Role != "" && !f.Role.Valid() {
		fe.Add("role", "Select a valid choice. "+string(f.Role)+" is not one of the available choices.")
	}
	if s := q.Get("department"); s != "" {
		id, err := strconv.ParseInt(s, 10, 64)
		if err != nil || id <= 0 {
			fe.Add("department", "Enter a whole number.")
		}
		f.Department = id
	}
	if s := q.Get("is_active"); s != "" {
		b, err := strconv.ParseBool(s)
		if err != nil {
			fe.Add("is_active", "Must be a valid boolean.")
		}
		f.Active = &b
	}
	return f, fe.Err()
}

func (f UserFilter) where(q db.Querier) (string, []any) {
	var conds []string
	var args []any
	if f.Search != "" {
		like := "%" + db.EscapeLike(f.Search) + "%"
		op := db.ILike(q)
		conds = append(conds, "(u.username "+op+" ?"+db.LikeEscape+" OR u.first_name "+op+" ?"+db.LikeEscape+
			" OR u.last_name "+op+" ?"+db.LikeEscape+" OR u.email "+op+" ?"+db.LikeEscape+")")
		args = append(args, like, like, like, like)
	}
	if f.Role != "" {
		conds = append(conds, "u.role = ?")
		args = append(args, string(f.Role))
	}
	if f.StaffOnly {
		conds = append(conds, "u.role <> ?")
		args = append(args, string(auth.RolePatient))
	}
	if f.Department != 0 {
		conds = append(conds, "u.department_id = ?")
		args = append(args, f.Department)
	}
	if f.Active != nil {
		conds = append(conds, "u.is_active = ?")
		args = append(args, *f.Active)
	}
	if len(conds) == 0 {
		return "", nil
	}
	return " WHERE " + strings.Join(conds, " AND "), args
}

// ListUsers returns one page of accounts, ordered by id (E-18), in two queries whatever
// the page size.
func (s *Service) ListUsers(ctx context.Context, f UserFilter, p *web.PageRequest) ([]User, int, error) {
	where, args := f.where(s.DB)
	var n int
	if err := s.DB.QueryRow(ctx, "SELECT COUNT(*) FROM users u"+where, args...).Scan(&n); err != nil {
		return nil, 0, errs.Wrap("identity.ListUsers", err)
	}
	if err := p.Resolve(n); err != nil {
		return nil, 0, err
	}
	out, err := db.Collect(scanUser)(s.DB.Query(ctx, "SELECT "+userColumns+userFrom+where+" ORDER BY u.id LIMIT ? OFFSET ?", append(args, p.Size, p.Offset())...))
	return out, n, errs.Wrap("identity.ListUsers", err)
}

// departments lists the departments by name, for the account forms.
func (s *Service) departments(ctx context.Context) ([]departmentRef, error) {
	refs, err := departmentRefs(ctx, s.DB)
	return refs, errs.Wrap("identity.departments", err)
}

// Doctor is E-36's representation of a doctor profile.
type Doctor struct {
	ID                int64    `json:"id"`
	User              UserMini `json:"user"`
	Specialization    string   `json:"specialization"`
	LicenseNumber     string   `json:"license_number"`
	YearsOfExperience int      `json:"years_of_experience"`
}

const doctorSelect = "SELECT p.id, p.specialization, p.license_number, p.years_of_experience, " + userColumns +
	" FROM doctor_profiles p JOIN users u ON u.id = p.user_id LEFT JOIN departments d ON d.id = u.department_id"

func scanDoctor(row interface{ Scan(...any) error }) (Doctor, error) {
	var d Doctor
	var u User
	var role string
	var lastLogin, pwChanged any
	err := row.Scan(&d.ID, &d.Specialization, &d.LicenseNumber, &d.YearsOfExperience,
		&u.ID, &u.Username, &u.Password, &u.Email, &u.FirstName, &u.LastName, &u.Phone, &u.Gender, &role,
		&u.DepartmentID, &u.DepartmentName, &u.IsSuperuser, &u.IsActive, &u.DateJoined, &lastLogin, &pwChanged)
	u.Role = auth.Role(role)
	d.User = u.Mini()
	return d, err
}

// ListDoctors returns active doctors ordered by first name (E-36).
func (s *Service) ListDoctors(ctx context.Context, p *web.PageRequest) ([]Doctor, int, error) {
	var n int
	if err := s.DB.QueryRow(ctx, "SELECT COUNT(*) FROM doctor_profiles p JOIN users u ON u.id = p.user_id WHERE u.is_active = ?", true).Scan(&n); err != nil {
		return nil, 0, errs.Wrap("identity.ListDoctors", err)
	}
	if err := p.Resolve(n); err != nil {
		return nil, 0, err
	}
	out, err := db.Collect(scanDoctor)(s.DB.Query(ctx, doctorSelect+" WHERE u.is_active = ? ORDER BY u.first_name, p.id LIMIT ? OFFSET ?", true, p.Size, p.Offset()))
	return out, n, errs.Wrap("identity.ListDoctors", err)
}

// GetDoctor returns one doctor profile by its id (E-37).
func (s *Service) GetDoctor(ctx context.Context, id int64) (Doctor, error) {
	d, err := scanDoctor(s.DB.QueryRow(ctx, doctorSelect+" WHERE p.id = ?", id))
	if db.IsNoRows(err) {
		return d, errs.E(errs.NotFound, web.MsgNotFound)
	}
	return d, errs.Wrap("identity.GetDoctor", err)
}

// HospitalAdminDashboard is E-14's body; staff_count counts staff only (B-25).
type HospitalAdminDashboard struct {
	Departments int `json:"departments"`
	StaffCount  int `json:"staff_count"`
	Patients    int `json:"patients"`
	ActiveStaff int `json:"active_staff"`
}

// Dashboard counts departments, staff and patients in one query.
func (s *Service) Dashboard(ctx context.Context) (HospitalAdminDashboard, error) {
	var d HospitalAdminDashboard
	err := s.DB.QueryRow(ctx, `SELECT
		(SELECT COUNT(*) FROM departments),
		(SELECT COUNT(*) FROM users WHERE role <> 'patient'),
		(SELECT COUNT(*) FROM users WHERE role = 'patient'),
		(SELECT COUNT(*) FROM users WHERE role <> 'patient' AND is_active = ?)`, true).
		Scan(&d.Departments, &d.StaffCount, &d.Patients, &d.ActiveStaff)
	return d, errs.Wrap("identity.Dashboard", err)
}

// directoryRoutes registers the staff directory and the dashboards this module owns
// (the nurse's, E-15, shows the queue and lives in that module).
func (s *Service) directoryRoutes(rt *web.Router) {
	rt.Handle(web.Route{Method: "GET", Path: "/doctors/doctors/", Perm: auth.StaffRead, Tag: "doctors", Handler: s.apiDoctors,
		Summary: "List doctors with their profiles, ordered by first name", Response: Doctor{}, List: true})
	rt.Handle(web.Route{Method: "GET", Path: "/doctors/doctors/{id}/", Perm: auth.StaffRead, Tag: "doctors", Handler: s.apiDoctor,
		Summary: "One doctor profile (the id is the profile's)", Response: Doctor{}})
	rt.Handle(web.Route{Method: "GET", Path: "/users/hospital-admin/", Perm: auth.DashboardHospitalAdmin, Tag: "dashboards",
		Summary: "Hospital administrator dashboard: departments, staff and patient counts", Response: HospitalAdminDashboard{},
		Handler: s.apiDashboard})
	rt.Handle(web.Route{Method: "GET", Path: "/users/admin/", Perm: auth.DashboardAdmin, Tag: "dashboards",
		Summary: "Administrator dashboard", Response: AdminDashboard{}, Handler: s.apiAdminDashboard})
}

// AdminDashboard is the admin's dashboard: the hospital counts plus a welcome message.
type AdminDashboard struct {
	Message string `json:"message"`
	HospitalAdminDashboard
}

func (s *Service) apiDashboard(w http.ResponseWriter, r *http.Request) {
	d, err := s.Dashboard(r.Context())
	if err != nil {
		web.Error(w, r, err)
		return
	}
	web.JSON(w, http.StatusOK, d)
}

func (s *Service) apiAdminDashboard(w http.ResponseWriter, r *http.Request) {
	d, err := s.Dashboard(r.Context())
	if err != nil {
		web.Error(w, r, err)
		return
	}
	web.JSON(w, http.StatusOK, AdminDashboard{Message: "Welcome Admin! Dashboard data loaded.", HospitalAdminDashboard: d})
}

func (s *Service) apiDoctors(w http.ResponseWriter, r *http.Request) {
	p, err := web.ParsePage(r)
	if err != nil {
		web.Error(w, r, err)
		return
	}
	items, n, err := s.ListDoctors(r.Context(), &p)
	if err != nil {
		web.Error(w, r, err)
		return
	}
	web.JSON(w, http.StatusOK, web.NewEnvelope(r, p, n, items))
}

func (s *Service) apiDoctor(w http.ResponseWriter, r *http.Request) {
	id, err := web.PathID(r, "id")
	if err == nil {
		var d Doctor
		if d, err = s.GetDoctor(r.Context(), id); err == nil {
			web.JSON(w, http.StatusOK, d)
			return
		}
	}
	web.Error(w, r, err)
}
