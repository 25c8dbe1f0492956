package demo

// What brings patients to the synthetic hospital: the common conditions of a Kenyan
// general outpatient department, each with who gets it, what it does to the vital
// signs, which tests and medicines it calls for and how often it ends in admission.
// The codes are the consult module's built-in ICD-10 list (a test checks them).

// signs are a condition's effect on the vital signs, 0 (none) to 2 (marked).
type signs struct {
	fever, breathing, pressure, shock, neuro int
}

// condition is one reason for a visit.
type condition struct {
	code   string
	weight int
	// The patient is at least minAge and, unless belowAge is 0, younger than belowAge
	// (years).
	minAge, belowAge int
	sex              byte // 'F' or 'M' when only one sex has it, else 0
	signs            signs
	tests            []order // lab tests and imaging, each with its chance
	medicines        []string
	admit            int // chance of admission, in percent
	complaint        string
	finding          string
	plan             string
}

// order is a test or a scan that a condition calls for, in percent of visits.
type order struct {
	code   string
	chance int
}

var conditions = []condition{
	{code: "B54", weight: 110, signs: signs{fever: 2}, tests: []order{{"MAL-RDT", 90}, {"CBC", 25}}, medicines: []string{"Paracetamol 500mg", "Paracetamol Syrup"}, admit: 4,
		complaint: "Fever, headache and joint pains", finding: "Febrile, not pale, no neck stiffness.", plan: "Antimalarials as per national guidelines, antipyretics, review if no better in 48 hours."},
	{code: "B50.9", weight: 40, signs: signs{fever: 2, shock: 1}, tests: []order{{"MAL-RDT", 95}, {"CBC", 60}}, medicines: []string{"Paracetamol 500mg"}, admit: 10,
		complaint: "High fever with chills and vomiting", finding: "Febrile, mildly dehydrated, spleen tip palpable.", plan: "Artemether-lumefantrine, oral fluids, review in 48 hours; admit if unable to keep medication down."},
	{code: "J06.9", weight: 120, signs: signs{fever: 1}, tests: []order{{"CBC", 4}}, medicines: []string{"Paracetamol 500mg", "Cetirizine 10mg", "Cough Syrup", "Paracetamol Syrup"},
		complaint: "Cough, running nose and sore throat", finding: "Throat injected, chest clear.", plan: "Symptomatic treatment, plenty of fluids, return if breathing becomes difficult."},
	{code: "J00", weight: 40, medicines: []string{"Cetirizine 10mg", "Vitamin C 500mg"},
		complaint: "Sneezing and blocked nose", finding: "Nasal congestion, chest clear.", plan: "Steam inhalation and rest; antihistamine at night."},
	{code: "J02.9", weight: 35, signs: signs{fever: 1}, medicines: []string{"Amoxicillin 500mg", "Paracetamol 500mg"},
		complaint: "Painful swallowing", finding: "Pharynx red with exudate, tender cervical nodes.", plan: "Amoxicillin for 7 days, analgesia, review if not better in 3 days."},
	{code: "J03.9", weight: 25, belowAge: 31, signs: signs{fever: 1}, medicines: []string{"Amoxicillin 500mg", "Amoxicillin 125mg Syrup"},
		complaint: "Sore throat and fever", finding: "Enlarged inflamed tonsils.", plan: "Antibiotics for 10 days; complete the course."},
	{code: "J18.9", weight: 30, signs: signs{fever: 2, breathing: 2}, tests: []order{{"XRAY-CHEST", 70}, {"CBC", 60}}, medicines: []string{"Amoxicillin-Clavulanate", "Ceftriaxone 1g", "Azithromycin 250mg"}, admit: 30,
		complaint: "Cough with fever and difficulty in breathing", finding: "Tachypnoeic, crackles at the right base.", plan: "Antibiotics, oxygen if saturation falls below 92%, chest X-ray."},
	{code: "J20.9", weight: 25, signs: signs{breathing: 1}, medicines: []string{"Azithromycin 250mg", "Cough Syrup Advanced"},
		complaint: "Productive cough for a week", finding: "Scattered rhonchi, no crackles.", plan: "Cough suppressant at night; antibiotic only if fever persists."},
	{code: "J21.9", weight: 10, belowAge: 2, signs: signs{breathing: 2, fever: 1}, medicines: []string{"Paracetamol Syrup"}, admit: 15,
		complaint: "Fast breathing and poor feeding", finding: "Subcostal recession, wheeze.", plan: "Nasal suction, oxygen if needed, frequent feeds."},
	{code: "J45.9", weight: 20, minAge: 3, signs: signs{breathing: 2}, medicines: []string{"Salbutamol Inhaler", "Prednisolone 5mg"}, admit: 6,
		complaint: "Wheezing and chest tightness", finding: "Expiratory wheeze, speaks in sentences.", plan: "Nebulised salbutamol given, inhaler technique reviewed, oral steroids for 5 days."},
	{code: "A09.0", weight: 60, signs: signs{fever: 1, shock: 1}, medicines: []string{"Metronidazole 400mg", "Paracetamol Syrup"}, admit: 5,
		complaint: "Diarrhoea and vomiting", finding: "Some dehydration, abdomen soft.", plan: "Oral rehydration salts and zinc, review if unable to drink."},
	{code: "K29.7", weight: 35, minAge: 15, medicines: []string{"Omeprazole 20mg", "Omeprazole 40mg"},
		complaint: "Burning upper abdominal pain", finding: "Epigastric tenderness.", plan: "Proton pump inhibitor for 4 weeks, avoid NSAIDs and alcohol."},
	{code: "K30", weight: 15, minAge: 15, medicines: []string{"Omeprazole 20mg"},
		complaint: "Bloating and early fullness", finding: "Abdomen soft, non-tender.", plan: "Dietary advice and a short course of omeprazole."},
	{code: "I10", weight: 70, minAge: 35, signs: signs{pressure: 2}, tests: []order{{"FBS", 10}, {"UA", 10}}, medicines: []string{"Amlodipine 5mg", "Losartan 50mg", "Hydrochlorothiazide 25mg", "Enalapril 10mg"},
		complaint: "Review of blood pressure", finding: "No signs of end-organ damage.", plan: "Continue antihypertensives, low salt diet, review in one month."},
	{code: "E11.9", weight: 40, minAge: 30, tests: []order{{"FBS", 80}, {"UA", 20}}, medicines: []string{"Metformin 500mg", "Metformin XR 500mg"},
		complaint: "Diabetes clinic review", finding: "Feet examined: sensation intact, no ulcers.", plan: "Continue metformin, diet counselling, repeat sugar at next visit."},
	{code: "N39.0", weight: 45, minAge: 2, signs: signs{fever: 1}, tests: []order{{"UA", 90}}, medicines: []string{"Ciprofloxacin 500mg", "Amoxicillin-Clavulanate"},
		complaint: "Painful frequent urination", finding: "Suprapubic tenderness.", plan: "Antibiotics for 5 days, plenty of fluids."},
	{code: "Z00.0", weight: 25, tests: []order{{"CBC", 20}, {"FBS", 15}},
		complaint: "Routine medical check-up", finding: "Well, no abnormality found.", plan: "Healthy lifestyle advice."},
	{code: "M54.5", weight: 30, minAge: 18, medicines: []string{"Ibuprofen 200mg", "Paracetamol Extra"},
		complaint: "Lower back pain after lifting", finding: "Paraspinal spasm, straight leg raise normal.", plan: "Analgesia, stay active, physiotherapy if no better in 2 weeks."},
	{code: "R51", weight: 15, minAge: 5, medicines: []string{"Paracetamol 500mg"},
		complaint: "Headache for several days", finding: "Neurologically intact.", plan: "Analgesia and hydration; return if vision changes or vomiting."},
	{code: "L03.9", weight: 12, signs: signs{fever: 1}, medicines: []string{"Cefuroxime 250mg", "Clindamycin 300mg"}, admit: 8,
		complaint: "Painful swollen leg", finding: "Warm erythematous swelling, margin marked.", plan: "Oral antibiotics, elevate the limb, review in 48 hours."},
	{code: "L30.9", weight: 15, medicines: []string{"Cetirizine 10mg", "Loratadine 10mg"},
		complaint: "Itchy skin rash", finding: "Dry erythematous patches.", plan: "Emollients and antihistamine."},
	{code: "B86", weight: 8,
		complaint: "Itching worse at night", finding: "Burrows in the finger webs.", plan: "Treat the whole household; wash bedding."},
	{code: "H10.9", weight: 12,
		complaint: "Red sticky eyes", finding: "Conjunctival injection, discharge, visual acuity normal.", plan: "Eye hygiene and topical antibiotic."},
	{code: "H66.9", weight: 15, belowAge: 13, signs: signs{fever: 1}, medicines: []string{"Amoxicillin 125mg Syrup", "Paracetamol Syrup"},
		complaint: "Ear pain and fever", finding: "Bulging red tympanic membrane.", plan: "Amoxicillin for 5 days and analgesia."},
	{code: "D50.9", weight: 15, tests: []order{{"CBC", 90}}, medicines: []string{"Vitamin C 500mg"},
		complaint: "Tiredness and dizziness", finding: "Pale conjunctivae.", plan: "Iron supplements, deworming, repeat haemoglobin in 4 weeks."},
	{code: "Z34.9", weight: 25, minAge: 16, belowAge: 45, sex: 'F', tests: []order{{"UA", 70}, {"CBC", 60}, {"US-ABD", 15}},
		complaint: "Antenatal visit", finding: "Fundal height corresponds to dates, foetal heart heard.", plan: "Iron and folate, next antenatal visit in 4 weeks."},
	{code: "O14.9", weight: 3, minAge: 16, belowAge: 45, sex: 'F', signs: signs{pressure: 2, neuro: 1}, tests: []order{{"UA", 100}, {"LFT", 60}}, admit: 60,
		complaint: "Headache and swollen feet in pregnancy", finding: "Raised blood pressure, proteinuria.", plan: "Admit for monitoring; magnesium sulphate protocol if severe."},
	{code: "A01.0", weight: 15, minAge: 3, signs: signs{fever: 2}, tests: []order{{"CBC", 80}}, medicines: []string{"Ciprofloxacin 500mg"}, admit: 10,
		complaint: "Persistent fever and abdominal pain", finding: "Febrile, relative bradycardia, abdominal tenderness.", plan: "Ciprofloxacin for 10 days, hygiene advice."},
	{code: "B24", weight: 10, minAge: 15, tests: []order{{"CBC", 60}, {"LFT", 40}},
		complaint: "Comprehensive care clinic review", finding: "Well, adherent to treatment.", plan: "Continue antiretrovirals, viral load due."},
	{code: "A15.0", weight: 6, minAge: 10, signs: signs{fever: 1, breathing: 1}, tests: []order{{"XRAY-CHEST", 90}, {"CBC", 50}}, admit: 20,
		complaint: "Cough for three weeks with night sweats and weight loss", finding: "Wasted, crackles at the apex.", plan: "Sputum sent, start anti-TB treatment once confirmed, contact tracing."},
	{code: "S93.4", weight: 12, minAge: 5, medicines: []string{"Ibuprofen 200mg"},
		complaint: "Twisted ankle playing football", finding: "Swelling over the lateral ligament, able to bear weight.", plan: "Rest, ice, compression and elevation; analgesia."},
	{code: "S52.5", weight: 5, medicines: []string{"Ibuprofen 200mg"}, admit: 10,
		complaint: "Fall on an outstretched hand", finding: "Dinner-fork deformity of the wrist.", plan: "Backslab applied, orthopaedic review."},
	{code: "T14.9", weight: 15, medicines: []string{"Paracetamol 500mg"},
		complaint: "Injury", finding: "Superficial wounds cleaned and dressed.", plan: "Tetanus toxoid given, wound review in 2 days."},
	{code: "G43.9", weight: 8, minAge: 12, medicines: []string{"Ibuprofen 200mg"},
		complaint: "Recurrent one-sided headaches with nausea", finding: "Normal neurological examination.", plan: "Headache diary, analgesia at onset."},
	{code: "G40.9", weight: 5, signs: signs{neuro: 1}, admit: 10,
		complaint: "Seizure at home", finding: "Post-ictal, no focal deficit.", plan: "Review anticonvulsant dose and adherence."},
	{code: "I50.9", weight: 6, minAge: 50, signs: signs{breathing: 2, pressure: 1}, tests: []order{{"XRAY-CHEST", 80}, {"CBC", 50}}, medicines: []string{"Furosemide 40mg", "Enalapril 10mg"}, admit: 35,
		complaint: "Breathlessness on lying flat and swollen legs", finding: "Raised JVP, bibasal crackles, pitting oedema.", plan: "Diuretics, fluid restriction, daily weights."},
	{code: "I64", weight: 3, minAge: 45, signs: signs{pressure: 2, neuro: 2}, tests: []order{{"MRI-BRAIN", 60}, {"CBC", 50}}, admit: 90,
		complaint: "Sudden weakness of one side", finding: "Right hemiparesis, slurred speech.", plan: "Admit, brain imaging, swallow assessment, aspirin once bleed excluded."},
	{code: "N18.9", weight: 4, minAge: 40, signs: signs{pressure: 1}, tests: []order{{"UA", 80}, {"CBC", 40}}, medicines: []string{"Furosemide 40mg"}, admit: 10,
		complaint: "Kidney clinic review", finding: "Mild pedal oedema.", plan: "Renal function monitoring, blood pressure control."},
	{code: "K35.8", weight: 3, minAge: 5, belowAge: 61, signs: signs{fever: 1}, tests: []order{{"US-ABD", 80}, {"CBC", 90}}, admit: 95,
		complaint: "Abdominal pain moving to the right lower side", finding: "Tender with guarding at McBurney's point.", plan: "Surgical review for appendicectomy, nil by mouth."},
	{code: "R10.4", weight: 20, minAge: 5, tests: []order{{"US-ABD", 20}, {"UA", 30}}, medicines: []string{"Paracetamol 500mg"},
		complaint: "Abdominal pain", finding: "Abdomen soft, mild tenderness, no guarding.", plan: "Analgesia, return if pain worsens or fever develops."},
	{code: "E86", weight: 6, belowAge: 11, signs: signs{shock: 2}, admit: 40,
		complaint: "Not drinking, sunken eyes", finding: "Dehydrated, skin pinch goes back slowly.", plan: "Rehydration plan B, reassess in 4 hours."},
	{code: "P59.9", weight: 4, belowAge: 1, tests: []order{{"CBC", 60}}, admit: 30,
		complaint: "Yellow eyes and skin in a newborn", finding: "Jaundice to the chest, feeding well.", plan: "Check bilirubin, phototherapy if above threshold."},
	{code: "R56.0", weight: 4, minAge: 1, belowAge: 6, signs: signs{fever: 2, neuro: 1}, tests: []order{{"MAL-RDT", 90}, {"CBC", 50}}, admit: 50,
		complaint: "Fit with high fever", finding: "Febrile, alert after the fit, no meningism.", plan: "Treat the cause of the fever, advice on fever control."},
	{code: "J44.9", weight: 5, minAge: 50, signs: signs{breathing: 2}, tests: []order{{"XRAY-CHEST", 40}}, medicines: []string{"Salbutamol Inhaler", "Prednisone 10mg"}, admit: 15,
		complaint: "Worsening breathlessness and cough", finding: "Hyperinflated chest, prolonged expiration.", plan: "Bronchodilators, steroids, smoking cessation advice."},
	{code: "F41.1", weight: 5, minAge: 15,
		complaint: "Worry, poor sleep and palpitations", finding: "Anxious, examination otherwise normal.", plan: "Counselling referral, sleep hygiene."},
	{code: "M17.9", weight: 8, minAge: 50, medicines: []string{"Ibuprofen 200mg", "Paracetamol 500mg"},
		complaint: "Painful knees worse on walking", finding: "Crepitus, no effusion.", plan: "Weight reduction, analgesia, physiotherapy."},
	{code: "K02.9", weight: 10, minAge: 3, medicines: []string{"Paracetamol 500mg", "Amoxicillin 500mg"},
		complaint: "Toothache", finding: "Carious molar, no facial swelling.", plan: "Dental referral, analgesia."},
}

// chronicCodes are the conditions a patient keeps coming back for.
var chronicCodes = []string{"I10", "E11.9", "B24", "J45.9", "G40.9", "N18.9", "J44.9", "I50.9"}

// comorbidities are the further diagnoses a note may carry beside its main one.
var comorbidities = []string{"I10", "E11.9", "D64.9", "E66.9", "K29.7", "J30.4", "M54.5", "B82.9", "E78.5"}

// Age bands for choosing conditions, in years: a band's menu holds the conditions that
// fit its representative age; a draw that does not fit the patient's own age is drawn
// again (see visitCondition).
var bandAges = []int{0, 2, 8, 22, 40, 57, 72}

func ageBand(age int) int {
	switch {
	case age < 1:
		return 0
	case age < 5:
		return 1
	case age < 15:
		return 2
	case age < 30:
		return 3
	case age < 50:
		return 4
	case age < 65:
		return 5
	}
	return 6
}

func (c *condition) fits(age int, female bool) bool {
	if c.sex == 'F' && !female || c.sex == 'M' && female {
		return false
	}
	return age >= c.minAge && (c.belowAge == 0 || age < c.belowAge)
}

// menus are, per age band and sex, the eligible conditions with their cumulative
// weights, so that drawing one is a binary search.
type menu struct {
	conds []*condition
	cum   []int
}

var menus = func() (m [7][2]menu) {
	for band, age := range bandAges {
		for sex := range 2 {
			mu := &m[band][sex]
			total := 0
			for i := range conditions {
				c := &conditions[i]
				if c.fits(age, sex == 1) {
					total += c.weight
					mu.conds = append(mu.conds, c)
					mu.cum = append(mu.cum, total)
				}
			}
		}
	}
	return m
}()

var conditionByCode = func() map[string]*condition {
	m := map[string]*condition{}
	for i := range conditions {
		m[conditions[i].code] = &conditions[i]
	}
	return m
}()
