package app

import (
	"context"

	"healthsynx/internal/billing"
	"healthsynx/internal/consult"
	"healthsynx/internal/platform/db"
	"healthsynx/internal/queue"
	"healthsynx/internal/vitals"
	site "healthsynx/internal/web"
)

// clinical builds the clinical core: vitals, the doctor queue and consultations. Vitals
// queue the patient through the queue (vitals.Triage), and the queue shows vitals, so
// each gets the other once both exist.
func (a *App) clinical() {
	a.Vitals = &vitals.Service{DB: a.DB, Patients: a.Patients, Audit: a.Audit}
	a.Queue = &queue.Service{DB: a.DB, Patients: a.Patients, Vitals: a.Vitals, Audit: a.Audit,
		Biller: consultationBiller{a.Billing}, Location: a.Config.Location()}
	a.Vitals.Queue = a.Queue
	// Open queue pages and dashboards follow the queue's changes, on every instance.
	a.Queue.OnChange = queue.LiveUpdates(a.Live)
	a.Consult = &consult.Service{DB: a.DB, Patients: a.Patients, Queue: a.Queue, Audit: a.Audit}
	a.Patients.AddSection(a.Vitals.PatientSection(a.Config.Location()))
}

// clinicalPages registers the pages of the clinical core with what each needs of the
// other modules.
func (a *App) clinicalPages(s *site.Site) {
	loc := a.Config.Location()
	a.Vitals.PageRoutes(a.Router, s, vitals.PageDeps{Departments: a.Departments, Queue: a.Queue,
		DefaultDepartment: queue.DefaultDepartment, Location: loc})
	a.Queue.PageRoutes(a.Router, s, a.Live)
	a.Consult.PageRoutes(a.Router, s, consult.PageDeps{Vitals: a.Vitals, Location: loc})
}

// consultationBiller charges the consultation of a visit the queue ends: the queue's
// seam (queue.ConsultationBiller) met by billing.
type consultationBiller struct{ billing *billing.Service }

func (b consultationBiller) ChargeConsultation(ctx context.Context, tx *db.Tx, v queue.CompletedVisit) error {
	return b.billing.ChargeConsultation(ctx, tx, billing.Visit{QueueEntryID: v.QueueEntryID, PatientID: v.PatientID,
		DoctorID: v.DoctorID, DepartmentID: v.DepartmentID, CompletedAt: v.CompletedAt})
}
