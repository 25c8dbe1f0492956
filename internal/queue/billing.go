package queue

import (
	"context"
	"time"

	"healthsynx/internal/platform/db"
)

// ConsultationBiller is the seam between the queue and billing. When a visit's time with
// the doctor ends — update_status to completed, or send_to_pharmacy, whichever path —
// the queue calls ChargeConsultation once, inside the transaction that ends the visit: if
// the charge fails, the visit does not end; if the transaction rolls back, so does the
// charge (B-3, W-4).
//
// Service.Biller nil means no billing module is wired yet: visits end without a charge.
// The billing module implements this interface and the composition root sets it.
type ConsultationBiller interface {
	ChargeConsultation(ctx context.Context, tx *db.Tx, v CompletedVisit) error
}

// CompletedVisit is what billing needs to charge a consultation.
type CompletedVisit struct {
	QueueEntryID int64
	PatientID    int64
	DoctorID     int64 // 0 when no doctor was recorded (an administrator ended the visit)
	DepartmentID int64 // 0 when the visit belonged to no department
	CompletedAt  time.Time
	// Status is how the visit ended: completed or sent_to_pharmacy.
	Status Status
}
