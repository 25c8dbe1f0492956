package consult

import (
	"errors"
	"fmt"
	"net/http"
	"regexp"
	"strconv"
	"strings"

	"healthsynx/internal/platform/auth"
	"healthsynx/internal/platform/errs"
	"healthsynx/internal/platform/web"
	"healthsynx/internal/queue"
	ui "healthsynx/internal/web"
)

// The forms of the consultation page: a note with its coded diagnoses, and an addendum
// to a note. Their fields are named as the API's, so the service's errors land beside
// them.

// dxFormRows is how many coded diagnoses the note form takes at once; a note with more
// gets an addendum (or another note), and the form needs no script to add rows.
const dxFormRows = 3

// dxRow is one diagnosis of the note form: an ICD-10 code, with the built-in codes
// offered by a datalist, and its description.
type dxRow struct {
	Code, Description ui.Field
}

func dxField(i int, part string) string { return fmt.Sprintf("diagnoses[%d].%s", i, part) }

// dxRows are the diagnosis rows of f, as typed, with their errors.
func dxRows(f *ui.Form) []dxRow {
	rows := make([]dxRow, dxFormRows)
	for i := range rows {
		code, desc := dxField(i, "code"), dxField(i, "description")
		rows[i] = dxRow{
			Code:        ui.Field{Name: code, Label: fmt.Sprintf("Diagnosis %d: ICD-10 code", i+1), Value: f.Value(code), Errors: f.FieldErrors(code)},
			Description: ui.Field{Name: desc, Label: fmt.Sprintf("Diagnosis %d: description", i+1), Value: f.Value(desc), Errors: f.FieldErrors(desc)},
		}
	}
	return rows
}

// noteFields are the inputs of the note form.
var noteFields = func() []string {
	out := []string{"history", "examination", "plan"}
	for i := range dxFormRows {
		out = append(out, dxField(i, "code"), dxField(i, "description"))
	}
	return out
}()

// noteInput reads the note form about visit e. Diagnosis rows left blank are skipped;
// rows[j] is the form row of the j-th diagnosis sent, to put its errors back beside it.
func noteInput(r *http.Request, e queue.Entry) (in Input, rows []int) {
	text := func(name string) *string {
		v := r.PostForm.Get(name)
		return &v
	}
	in = Input{Patient: &e.Patient.ID, QueueItem: &e.ID, History: text("history"), Examination: text("examination"), Plan: text("plan")}
	for i := range dxFormRows {
		code, desc := strings.TrimSpace(r.PostForm.Get(dxField(i, "code"))), strings.TrimSpace(r.PostForm.Get(dxField(i, "description")))
		if code == "" && desc == "" {
			continue
		}
		in.Diagnoses = append(in.Diagnoses, DiagnosisInput{Code: &code, Description: &desc})
		rows = append(rows, i)
	}
	return in, rows
}

var diagnosisKey = regexp.MustCompile(`^diagnoses\[(\d+)\](.*)$`)

// onRows moves the errors of the j-th diagnosis sent to the form row it came from.
func onRows(err error, rows []int) error {
	var e *errs.Error
	if !errors.As(err, &e) || len(e.Fields) == 0 {
		return err
	}
	moved := *e
	moved.Fields = make(map[string][]string, len(e.Fields))
	for key, msgs := range e.Fields {
		if m := diagnosisKey.FindStringSubmatch(key); m != nil {
			if j, _ := strconv.Atoi(m[1]); j < len(rows) {
				key = fmt.Sprintf("diagnoses[%d]%s", rows[j], m[2])
			}
		}
		moved.Fields[key] = msgs
	}
	return &moved
}

// writeNote signs a note about the visit. A refused note comes back with what was typed
// and the errors beside the fields.
func (pg *pages) writeNote(w http.ResponseWriter, r *http.Request) {
	id, ok := pg.site.PathID(w, r)
	if !ok || !pg.site.ParseForm(w, r) {
		return
	}
	ctx, p := r.Context(), auth.FromContext(r.Context())
	// The visit must be one the doctor may open: the page posts only from there.
	e, err := pg.svc.Queue.Get(ctx, p, id)
	if err != nil {
		pg.site.Error(w, r, err)
		return
	}
	in, rows := noteInput(r, e)
	n, err := pg.svc.Create(ctx, p, in)
	if form, invalid := ui.InvalidForm(r.PostForm, onRows(err, rows), noteFields...); invalid {
		pg.renderVisit(w, r, http.StatusUnprocessableEntity, id, forms{note: form})
		return
	}
	if err != nil {
		pg.site.Error(w, r, err)
		return
	}
	pg.site.SetFlash(w, r, "Note signed.")
	http.Redirect(w, r, queue.VisitURL(id)+"#note-"+strconv.FormatInt(n.ID, 10), http.StatusSeeOther)
}

// addAddendum adds to a note of the patient's chart, signed by the caller.
func (pg *pages) addAddendum(w http.ResponseWriter, r *http.Request) {
	id, ok := pg.site.PathID(w, r)
	if !ok || !pg.site.ParseForm(w, r) {
		return
	}
	noteID, err := web.PathID(r, "note")
	if err != nil {
		pg.site.NotFound(w, r)
		return
	}
	_, err = pg.svc.AddAddendum(r.Context(), auth.FromContext(r.Context()), noteID, AddendumInput{Text: ui.Posted(r, "text")})
	if form, invalid := ui.InvalidForm(r.PostForm, err, "text"); invalid {
		pg.renderVisit(w, r, http.StatusUnprocessableEntity, id, forms{addendumTo: noteID, addendum: form})
		return
	}
	if err != nil {
		pg.site.Error(w, r, err)
		return
	}
	pg.site.SetFlash(w, r, "Addendum signed.")
	http.Redirect(w, r, queue.VisitURL(id)+"#note-"+strconv.FormatInt(noteID, 10), http.StatusSeeOther)
}
