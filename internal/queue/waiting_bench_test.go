package queue_test

import (
	"fmt"
	"testing"

	"healthsynx/internal/apitest"
	"healthsynx/internal/platform/auth"
	"healthsynx/internal/platform/db"
	"healthsynx/internal/platform/dbtest"
	"healthsynx/internal/queue"
	"healthsynx/internal/queue/queuetest"
)

// BenchmarkWaitingList reads the waiting list of a full waiting room (queue.WaitingLimit
// patients, each triaged with a whole set of vitals) as a doctor, through the real HTTP
// chain on every engine under test: the default first page, and all of it.
func BenchmarkWaitingList(b *testing.B) {
	for _, engine := range dbtest.Engines() {
		b.Run(string(engine), func(b *testing.B) { benchmarkWaitingList(b, engine) })
	}
}

func benchmarkWaitingList(b *testing.B, engine db.Engine) {
	e := apitest.New(b, engine)
	dept := e.Department(queue.DefaultDepartment)
	nurse := e.As(auth.RoleNurse, "nurse1")
	_, doctor := queuetest.Staff(e, auth.RoleDoctor, "drkim", dept)
	for i := range queue.WaitingLimit {
		id := queuetest.Patient(e, nurse, fmt.Sprintf("p%03d", i))
		res := nurse.Do("POST", fmt.Sprintf("/patients/api/patients/%d/record_vitals/", id), map[string]any{
			"temperature": 37.2, "pulse_rate": 70 + i%40, "respiratory_rate": 16, "systolic_bp": 120,
			"diastolic_bp": 80, "spo2": 97, "consciousness": "A", "weight": 70, "height": 170})
		if res.Status != 201 {
			b.Fatalf("record vitals: %d %s", res.Status, res.Body)
		}
	}
	for name, path := range map[string]string{"first-page": "/doctors/queue/waiting/",
		"all": fmt.Sprintf("/doctors/queue/waiting/?limit=%d", queue.WaitingLimit)} {
		b.Run(name, func(b *testing.B) {
			var size int
			for b.Loop() {
				res := doctor.Do("GET", path, nil)
				if res.Status != 200 {
					b.Fatalf("waiting: %d %s", res.Status, res.Body)
				}
				size = len(res.Body)
			}
			b.ReportMetric(float64(size), "bytes/response")
		})
	}
}
