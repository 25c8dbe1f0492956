package demo

import (
	"context"
	"errors"
	"fmt"

	"healthsynx/internal/app"
	"healthsynx/internal/audit"
	"healthsynx/internal/identity"
	"healthsynx/internal/patients"
	"healthsynx/internal/platform/errs"
)

// demoPatient is one of the few patients of the demo hospital (the large synthetic
// hospital of --patients is generated elsewhere).
type demoPatient struct {
	first, last, sex, dob, phone, nationalID, address string
	kin, kinPhone, relationship                       string
	inpatient                                         bool
}

var demoPatients = []demoPatient{
	{"Amina", "Otieno", "female", "1990-04-12", "+254 712 345 678", "23456781", "Milimani, Kisumu", "Baraka Otieno", "0722 100 200", "brother", false},
	{"Baraka", "Ochieng", "male", "1984-11-02", "0733 210 455", "21874530", "Kondele, Kisumu", "Akinyi Ochieng", "0733 210 456", "wife", true},
	{"Wanjiku", "Kamau", "female", "1975-06-30", "0721 555 010", "12765409", "Kilimani, Nairobi", "Njoroge Kamau", "0721 555 011", "husband", false},
	{"Kipchoge", "Rotich", "male", "2001-01-19", "0710 880 123", "34512098", "Eldoret", "Jepkosgei Rotich", "0710 880 124", "mother", false},
	{"Halima", "Abdi", "female", "1968-03-08", "0722 404 909", "10293847", "Eastleigh, Nairobi", "Yusuf Abdi", "0722 404 910", "son", true},
	{"Mary-Anne", "Wanjiru", "female", "1999-09-09", "0799 888 777", "31234567", "Thika", "Grace Wanjiru", "0799 888 778", "mother", false},
	{"Joseph", "Mutua", "male", "1957-12-25", "0701 234 567", "08123456", "Machakos", "Mwikali Mutua", "0701 234 568", "daughter", false},
	{"Neema", "Chebet", "female", "2015-05-14", "", "BC-2015-448812", "Kericho", "Sharon Chebet", "0729 333 444", "mother", false},
	{"Omar", "Hassan", "male", "1992-08-21", "0745 600 700", "28765432", "Old Town, Mombasa", "Fatuma Hassan", "0745 600 701", "sister", false},
	{"Grace", "wa Njeri", "female", "1988-02-29", "0700 111 222", "25678901", "Nyeri", "Peter Njeri", "0700 111 223", "husband", false},
	{"Kofi", "Mensah", "male", "1980-07-04", "+233 24 123 4567", "GHA-0123456", "Westlands, Nairobi", "Ama Mensah", "+233 24 765 4321", "wife", false},
	{"José", "Núñez", "male", "1979-10-10", "+34 612 345 678", "X1234567L", "Lavington, Nairobi", "Lucía Núñez", "+34 612 345 679", "wife", false},
	{"Chinedu", "Okafor", "male", "1995-04-01", "0757 432 100", "A09876543", "Kileleshwa, Nairobi", "Ngozi Okafor", "+234 803 123 4567", "mother", false},
	{"Zawadi", "Mwakilema", "female", "2020-12-01", "", "BC-2020-901277", "Voi", "Rehema Mwakilema", "0768 222 901", "mother", false},
	{"Ingrid", "Larsen", "female", "1963-01-15", "+47 912 34 567", "N-1963011512", "Karen, Nairobi", "Erik Larsen", "+47 912 34 568", "husband", false},
}

// demoPatientPassword lets the first demo patient, amina-otieno, sign in to see her own
// record (the demo accounts' shared password; see the README).
const demoPatientPassword = "TestPass123!"

// loadPatients registers the demo patients at the desk, with the usernames made from
// their names (amina-otieno, …); one already registered (its national id is taken) is
// left as it is.
func loadPatients(ctx context.Context, a *app.App) (int, error) {
	desk := patients.Caller{Principal: identity.System, Audit: audit.Event{ActorUsername: identity.System.Username, ActorRole: identity.System.Role}}
	added := 0
	for i, dp := range demoPatients {
		in := patients.PatientInput{FirstName: &dp.first, LastName: &dp.last, Sex: &dp.sex, Phone: &dp.phone,
			NationalID: &dp.nationalID, Address: &dp.address,
			NextOfKinName: &dp.kin, NextOfKinPhone: &dp.kinPhone, NextOfKinRelationship: &dp.relationship}
		if dp.inpatient {
			t := patients.Inpatient
			in.PatientType = &t
		}
		dob, err := patients.ParseDOB(dp.dob)
		if err != nil {
			return added, fmt.Errorf("demo patient %s: %w", dp.first+" "+dp.last, err)
		}
		in.DOB = dob
		p, err := a.Patients.Register(ctx, desk, patients.Registration{PatientInput: in})
		if e := (*errs.Error)(nil); errors.As(err, &e) && len(e.Fields["national_id"]) > 0 {
			continue // loaded before
		}
		if err != nil {
			return added, fmt.Errorf("demo patient %s: %w", dp.first+" "+dp.last, err)
		}
		added++
		if i == 0 {
			if err := a.Patients.SetPassword(ctx, desk, p.ID, demoPatientPassword); err != nil {
				return added, fmt.Errorf("demo patient %s: %w", dp.first+" "+dp.last, err)
			}
		}
	}
	return added, nil
}
