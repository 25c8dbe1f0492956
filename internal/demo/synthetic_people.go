package demo

import (
	"strconv"
	"strings"
	"time"

	"healthsynx/internal/billing"
	"healthsynx/internal/patients"
	"healthsynx/internal/platform/auth"
)

// generator turns plans into rows. It runs in one goroutine: ids are handed out in
// patient order, so the same seed on the same database gives the same rows.
type generator struct {
	h          *hospital
	pl         *planner
	d          dice
	seed, salt uint64
	last       [numTables]int64 // the last id handed out in each table
	keys       map[string]string
	clash      clashes
	until      time.Time
	// the current visit's medicines, charges and their amounts, reused
	medicines []string
	charges   []charge
	amounts   []billing.Money
}

// take hands out the next id of table t.
func (g *generator) take(t int) int64 {
	g.last[t]++
	return g.last[t]
}

// key is the search key of a name; names repeat, so their keys are remembered.
func (g *generator) key(name string) string {
	k, ok := g.keys[name]
	if !ok {
		k = patients.NameKey(name)
		g.keys[name] = k
	}
	return k
}

// person is who a patient is.
type person struct {
	id                            int64
	first, last, username, email  string
	phone, nationalID, address    string
	kinName, kinPhone, kinRelated string
	dob                           time.Time
	community                     *community
	weightHG, heightMM, bpOffset  int // the adult's own build and blood pressure
}

// patient writes the run's i-th patient, account to last payment, into b.
func (g *generator) patient(b *batch, i int) {
	p := g.pl.plan(i)
	d := g.d
	d.reset(g.seed, g.salt, i, 1)
	who := g.person(d, p)
	mrn, _ := patients.MRN(who.id) // the reservation checked that every id fits
	var emailKey any
	if who.email != "" {
		emailKey = strings.ToLower(who.email)
	}
	gender := "male"
	if p.female {
		gender = "female"
	}
	updated := p.registered
	var archivedAt, archivedBy any
	reason := ""
	if !p.archived.IsZero() {
		updated, archivedAt, reason = p.archived, p.archived, d.pick(archiveReasons)
		archivedBy = nullID(g.h.someone(d, auth.RoleHospitalAdmin))
	}
	b.add(tUsers, who.id, who.username, unusablePassword(d), who.email, emailKey, who.first, who.last, who.phone,
		gender, string(auth.RolePatient), false, p.archived.IsZero(), p.registered, updated)
	kind := "outpatient"
	if p.inpatient {
		kind = "inpatient"
	}
	b.add(tProfiles, who.id, mrn, who.dob, who.nationalID, patients.NationalIDKey(who.nationalID), who.address,
		who.kinName, who.kinPhone, who.kinRelated, kind, g.key(who.first), g.key(who.last), patients.PhoneKey(who.phone),
		nullID(g.h.someone(d, auth.RoleNurse)), archivedAt, archivedBy, reason, p.registered, updated)
	for k := range p.visits {
		g.visit(b, d, p, &who, &p.visits[k])
	}
	b.patients++
}

var archiveReasons = []string{"Duplicate record", "Moved away", "Deceased", "Registered in error"}

// person draws a patient's identity: names of their community, a phone written the
// way people write it, a national id (or a passport) for an adult, a next of kin.
func (g *generator) person(d dice, p *patientPlan) person {
	who := person{id: g.take(tUsers), community: pickCommunity(d.IntN(communityWeights))}
	c := who.community
	own, common := c.male, commonMale
	if p.female {
		own, common = c.female, commonFemale
	}
	who.first = d.pick(own)
	if d.chance(c.share) {
		who.first = d.pick(common)
	}
	who.last = d.pick(c.surnames)
	who.username = patients.UsernameBase(who.first, who.last) + "-" + usernameCode.of(who.id)
	if g.clash.usernames[who.id] {
		who.username += "-x"
	}
	registered := p.registered.In(g.h.loc)
	born := registered.AddDate(-p.age, 0, -d.IntN(365))
	who.dob = time.Date(born.Year(), born.Month(), born.Day(), 0, 0, 0, 0, time.UTC)
	adult := p.age >= 18
	if adult || d.chance(30) {
		who.phone = phoneNumber(d, c.dialingPrefix)
	}
	switch {
	case !adult || d.chance(4) || g.clash.nationalIDs[who.id]:
		// none: a child, an adult who did not bring one, or one already taken
	case c.foreign:
		who.nationalID = "A" + passportCode.of(who.id)
	default:
		who.nationalID = nationalIDCode.of(who.id)
	}
	if adult && d.chance(12) && !g.clash.usernames[who.id] {
		who.email = g.key(who.first) + "." + g.key(who.last) + "." + usernameCode.of(who.id) + "@example.com"
	}
	who.address = d.pick(addresses)
	relations := parents
	if adult {
		relations = kinRelations
	}
	kin := relations[d.IntN(len(relations))]
	who.kinRelated = kin.relation
	kinFirst := commonFemale
	if kin.male {
		kinFirst = commonMale
	}
	who.kinName = d.pick(kinFirst) + " " + who.last
	who.kinPhone = phoneNumber(d, c.dialingPrefix)
	who.heightMM, who.weightHG = d.normal(1710, 70), d.normal(700, 130)
	if p.female {
		who.heightMM, who.weightHG = d.normal(1600, 65), d.normal(660, 130)
	}
	who.bpOffset = d.normal(0, 8)
	return who
}

// Kenyan mobile prefixes (Safaricom, Airtel, Telkom).
var mobilePrefixes = []string{"70", "71", "72", "74", "75", "76", "79", "11", "10", "73", "78", "77"}

// phoneNumber is a mobile number as patients write it: 0712 345 678, 0712345678 or
// +254 712 345 678, or a foreign number with its country code.
func phoneNumber(d dice, dialingPrefix string) string {
	rest := strconv.Itoa(d.between(1_000_000, 9_999_999))
	if dialingPrefix != "" {
		return dialingPrefix + " 7" + rest[:2] + " " + rest[2:5] + " " + rest[5:]
	}
	digits := d.pick(mobilePrefixes) + rest
	switch n := d.IntN(100); {
	case n < 45:
		return "0" + digits[:3] + " " + digits[3:6] + " " + digits[6:]
	case n < 80:
		return "0" + digits
	}
	return "+254 " + digits[:3] + " " + digits[3:6] + " " + digits[6:]
}

// unusablePassword is Django's marker for an account without a password: "!" and
// characters no hash can match. The desk sets a password when the patient wants one.
func unusablePassword(d dice) string {
	b := make([]byte, 41)
	b[0] = '!'
	for i := 1; i < len(b); i++ {
		b[i] = base36[d.IntN(len(base36))]
	}
	return string(b)
}
