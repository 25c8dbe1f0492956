package consult

import (
	"regexp"
	"strings"
)

// icd10Shape is the shape of an ICD-10 code: a letter (U is reserved for special
// purposes), two characters of category, and an optional subdivision after a dot.
var icd10Shape = regexp.MustCompile(`^[A-TV-Z][0-9][0-9AB](\.[0-9A-TV-Z]{1,4})?$`)

// ValidICD10 reports whether code has the shape of an ICD-10 code. Any code of that shape
// is accepted: the catalogue below is a convenience, not the classification.
func ValidICD10(code string) bool { return icd10Shape.MatchString(code) }

// Code is an ICD-10 code with its description.
type Code struct {
	Code        string `json:"code"`
	Description string `json:"description"`
}

// catalogue holds common codes of a general outpatient practice (WHO ICD-10 titles), in
// code order, so that a doctor can search by word and a known code needs no description
// typed.
var catalogue = []Code{
	{"A01.0", "Typhoid fever"},
	{"A06.0", "Acute amoebic dysentery"},
	{"A09.0", "Other and unspecified gastroenteritis and colitis of infectious origin"},
	{"A15.0", "Tuberculosis of lung, confirmed by sputum microscopy with or without culture"},
	{"A16.2", "Tuberculosis of lung, without mention of bacteriological or histological confirmation"},
	{"B01.9", "Varicella without complication"},
	{"B05.9", "Measles without complication"},
	{"B24", "Unspecified human immunodeficiency virus [HIV] disease"},
	{"B35.4", "Tinea corporis"},
	{"B37.0", "Candidal stomatitis"},
	{"B50.9", "Plasmodium falciparum malaria, unspecified"},
	{"B54", "Unspecified malaria"},
	{"B82.9", "Intestinal parasitism, unspecified"},
	{"B86", "Scabies"},
	{"D50.9", "Iron deficiency anaemia, unspecified"},
	{"D64.9", "Anaemia, unspecified"},
	{"E03.9", "Hypothyroidism, unspecified"},
	{"E05.9", "Thyrotoxicosis, unspecified"},
	{"E10.9", "Insulin-dependent diabetes mellitus without complications"},
	{"E11.9", "Non-insulin-dependent diabetes mellitus without complications"},
	{"E14.9", "Unspecified diabetes mellitus without complications"},
	{"E66.9", "Obesity, unspecified"},
	{"E78.5", "Hyperlipidaemia, unspecified"},
	{"E86", "Volume depletion"},
	{"E87.6", "Hypokalaemia"},
	{"F10.2", "Mental and behavioural disorders due to use of alcohol: dependence syndrome"},
	{"F20.9", "Schizophrenia, unspecified"},
	{"F32.9", "Depressive episode, unspecified"},
	{"F41.1", "Generalized anxiety disorder"},
	{"F41.9", "Anxiety disorder, unspecified"},
	{"G40.9", "Epilepsy, unspecified"},
	{"G43.9", "Migraine, unspecified"},
	{"G44.2", "Tension-type headache"},
	{"G45.9", "Transient cerebral ischaemic attack, unspecified"},
	{"H10.9", "Conjunctivitis, unspecified"},
	{"H61.2", "Impacted cerumen"},
	{"H66.9", "Otitis media, unspecified"},
	{"I10", "Essential (primary) hypertension"},
	{"I11.9", "Hypertensive heart disease without (congestive) heart failure"},
	{"I20.9", "Angina pectoris, unspecified"},
	{"I21.9", "Acute myocardial infarction, unspecified"},
	{"I48.9", "Atrial fibrillation and atrial flutter, unspecified"},
	{"I50.9", "Heart failure, unspecified"},
	{"I63.9", "Cerebral infarction, unspecified"},
	{"I64", "Stroke, not specified as haemorrhage or infarction"},
	{"I80.2", "Phlebitis and thrombophlebitis of other deep vessels of lower extremities"},
	{"I83.9", "Varicose veins of lower extremities without ulcer or inflammation"},
	{"J00", "Acute nasopharyngitis [common cold]"},
	{"J01.9", "Acute sinusitis, unspecified"},
	{"J02.9", "Acute pharyngitis, unspecified"},
	{"J03.9", "Acute tonsillitis, unspecified"},
	{"J06.9", "Acute upper respiratory infection, unspecified"},
	{"J11.1", "Influenza with other respiratory manifestations, virus not identified"},
	{"J18.9", "Pneumonia, unspecified"},
	{"J20.9", "Acute bronchitis, unspecified"},
	{"J21.9", "Acute bronchiolitis, unspecified"},
	{"J30.4", "Allergic rhinitis, unspecified"},
	{"J44.9", "Chronic obstructive pulmonary disease, unspecified"},
	{"J45.9", "Asthma, unspecified"},
	{"J46", "Status asthmaticus"},
	{"K02.9", "Dental caries, unspecified"},
	{"K21.9", "Gastro-oesophageal reflux disease without oesophagitis"},
	{"K25.9", "Gastric ulcer, unspecified as acute or chronic, without haemorrhage or perforation"},
	{"K29.7", "Gastritis, unspecified"},
	{"K30", "Functional dyspepsia"},
	{"K35.8", "Acute appendicitis, other and unspecified"},
	{"K40.9", "Unilateral or unspecified inguinal hernia, without obstruction or gangrene"},
	{"K52.9", "Noninfective gastroenteritis and colitis, unspecified"},
	{"K59.0", "Constipation"},
	{"K64.9", "Haemorrhoids, unspecified"},
	{"K76.0", "Fatty (change of) liver, not elsewhere classified"},
	{"K80.2", "Calculus of gallbladder without cholecystitis"},
	{"L01.0", "Impetigo"},
	{"L02.9", "Cutaneous abscess, furuncle and carbuncle, unspecified"},
	{"L03.9", "Cellulitis, unspecified"},
	{"L20.9", "Atopic dermatitis, unspecified"},
	{"L30.9", "Dermatitis, unspecified"},
	{"L50.9", "Urticaria, unspecified"},
	{"L70.0", "Acne vulgaris"},
	{"M10.9", "Gout, unspecified"},
	{"M17.9", "Gonarthrosis, unspecified"},
	{"M25.5", "Pain in joint"},
	{"M54.2", "Cervicalgia"},
	{"M54.5", "Low back pain"},
	{"M79.1", "Myalgia"},
	{"M81.9", "Osteoporosis, unspecified"},
	{"N10", "Acute tubulo-interstitial nephritis"},
	{"N18.9", "Chronic kidney disease, unspecified"},
	{"N20.0", "Calculus of kidney"},
	{"N39.0", "Urinary tract infection, site not specified"},
	{"N40", "Hyperplasia of prostate"},
	{"N76.0", "Acute vaginitis"},
	{"N92.0", "Excessive and frequent menstruation with regular cycle"},
	{"N94.6", "Dysmenorrhoea, unspecified"},
	{"O14.9", "Pre-eclampsia, unspecified"},
	{"O21.0", "Mild hyperemesis gravidarum"},
	{"O99.0", "Anaemia complicating pregnancy, childbirth and the puerperium"},
	{"P59.9", "Neonatal jaundice, unspecified"},
	{"R05", "Cough"},
	{"R06.0", "Dyspnoea"},
	{"R07.4", "Chest pain, unspecified"},
	{"R10.4", "Other and unspecified abdominal pain"},
	{"R11", "Nausea and vomiting"},
	{"R42", "Dizziness and giddiness"},
	{"R50.9", "Fever, unspecified"},
	{"R51", "Headache"},
	{"R53", "Malaise and fatigue"},
	{"R55", "Syncope and collapse"},
	{"R56.0", "Febrile convulsions"},
	{"R73.9", "Hyperglycaemia, unspecified"},
	{"S06.0", "Concussion"},
	{"S52.5", "Fracture of lower end of radius"},
	{"S61.9", "Open wound of wrist and hand, part unspecified"},
	{"S82.6", "Fracture of lateral malleolus"},
	{"S93.4", "Sprain and strain of ankle"},
	{"T14.9", "Injury, unspecified"},
	{"T63.0", "Toxic effect of snake venom"},
	{"T78.4", "Allergy, unspecified"},
	{"Z00.0", "General medical examination"},
	{"Z30.0", "General counselling and advice on contraception"},
	{"Z34.9", "Supervision of normal pregnancy, unspecified"},
}

var byCode = func() map[string]string {
	m := make(map[string]string, len(catalogue))
	for _, c := range catalogue {
		m[c.Code] = c.Description
	}
	return m
}()

// describe returns the catalogue's description of code, "" when it is not listed.
func describe(code string) string { return byCode[code] }

// SearchICD10 returns the catalogue's codes whose code starts with q or whose
// description contains it, ignoring case, ordered by code; every code when q is blank.
func SearchICD10(q string) []Code {
	q = strings.ToLower(strings.TrimSpace(q))
	out := []Code{}
	for _, c := range catalogue {
		if q == "" || strings.HasPrefix(strings.ToLower(c.Code), q) || strings.Contains(strings.ToLower(c.Description), q) {
			out = append(out, c)
		}
	}
	return out
}
