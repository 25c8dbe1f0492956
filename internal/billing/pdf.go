package billing

import (
	"bytes"
	"fmt"
	"time"

	"codeberg.org/go-pdf/fpdf"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
)

// Invoices and receipts are drawn with fpdf in the Go fonts, embedded as UTF-8 fonts
// from the binary: names such as "Wanjirũ" print as written, with no font files on disk.
// The layout is the floor the original's earlier template set (W-9) — patient, each
// line with its description, amount and whether it is paid, the date — with the
// hospital, the numbers, the MRN, totals by category, grand total, paid, balance and
// the currency that it lacked.

// sheet is what a document prints.
type sheet struct {
	title    string // "Invoice", "Receipt", "Refund"
	number   string
	hospital string
	currency string
	loc      *time.Location
	invoice  InvoiceDetail
	// payment is the payment a receipt is for; nil on an invoice.
	payment *PaymentView
	printed time.Time
}

const (
	fontFamily = "go"
	pageMargin = 15.0 // mm
	lineHeight = 5.5  // mm
	bodySize   = 10.0 // pt
)

// renderPDF draws the sheet and returns the PDF.
func renderPDF(sh sheet) ([]byte, error) {
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.SetMargins(pageMargin, pageMargin, pageMargin)
	pdf.SetAutoPageBreak(true, pageMargin+8)
	pdf.AddUTF8FontFromBytes(fontFamily, "", goregular.TTF)
	pdf.AddUTF8FontFromBytes(fontFamily, "B", gobold.TTF)
	pdf.SetTitle(sh.title+" "+sh.number, true)
	pdf.SetAuthor(sh.hospital, true)
	pdf.SetCreator("HealthSynx", true)
	pdf.SetFooterFunc(func() {
		pdf.SetY(-pageMargin - 4)
		pdf.SetFont(fontFamily, "", 8)
		pdf.CellFormat(0, 4, fmt.Sprintf("%s %s · page %d of {nb}", sh.title, sh.number, pdf.PageNo()), "", 0, "C", false, 0, "")
	})
	pdf.AliasNbPages("")
	pdf.AddPage()
	d := drawer{pdf: pdf, sh: sh}
	d.header()
	d.parties()
	if sh.payment != nil {
		d.receiptBlock()
	}
	d.lines()
	d.categoryTotals()
	d.summary()
	if sh.payment == nil && len(sh.invoice.Payments) > 0 {
		d.payments()
	}
	d.closing()
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// drawer holds the document being drawn.
type drawer struct {
	pdf *fpdf.Fpdf
	sh  sheet
}

func (d drawer) font(style string, size float64) { d.pdf.SetFont(fontFamily, style, size) }

func (d drawer) when(t time.Time) string { return t.In(d.sh.loc).Format("2 Jan 2006 15:04") }

func (d drawer) money(m Money) string { return d.sh.currency + " " + m.Display() }

func (d drawer) header() {
	d.font("B", 16)
	d.pdf.CellFormat(0, 8, d.sh.hospital, "", 1, "L", false, 0, "")
	d.font("B", 13)
	d.pdf.CellFormat(90, 7, d.sh.title, "", 0, "L", false, 0, "")
	d.pdf.CellFormat(0, 7, d.sh.number, "", 1, "R", false, 0, "")
	d.pdf.Line(pageMargin, d.pdf.GetY()+1, 210-pageMargin, d.pdf.GetY()+1)
	d.pdf.Ln(4)
}

// parties prints who the document is for and the invoice's particulars.
func (d drawer) parties() {
	inv := d.sh.invoice
	left := [][2]string{{"Patient", inv.PatientName}, {"MRN", inv.MRN}}
	right := [][2]string{{"Invoice", inv.Number}, {"Status", statusLabel(inv.Status)}}
	if inv.IssuedAt != nil {
		t, _ := time.Parse(time.RFC3339Nano, *inv.IssuedAt)
		right = append(right, [2]string{"Issued", d.when(t)})
	} else {
		right = append(right, [2]string{"Issued", "not yet (draft)"})
	}
	for i := range max(len(left), len(right)) {
		for col, pairs := range [][][2]string{left, right} {
			if i >= len(pairs) {
				d.pdf.CellFormat(90, lineHeight, "", "", 0, "L", false, 0, "")
				continue
			}
			d.font("B", bodySize)
			d.pdf.CellFormat(22, lineHeight, pairs[i][0], "", 0, "L", false, 0, "")
			d.font("", bodySize)
			ln := 0
			if col == 1 {
				ln = 1
			}
			d.pdf.CellFormat(68, lineHeight, pairs[i][1], "", ln, "L", false, 0, "")
		}
	}
	d.pdf.Ln(3)
}

// receiptBlock prints the money a receipt acknowledges.
func (d drawer) receiptBlock() {
	p := d.sh.payment
	at, _ := time.Parse(time.RFC3339Nano, p.CreatedAt)
	rows := [][2]string{{"Receipt", p.ReceiptNumber}, {"Date", d.when(at)}, {"Method", Method(p.Method).Label()}}
	if p.Reference != "" {
		rows = append(rows, [2]string{"Reference", p.Reference})
	}
	if p.Insurer != "" {
		rows = append(rows, [2]string{"Insurer", p.Insurer}, [2]string{"Member no.", p.MemberNumber})
	}
	label := "Amount received"
	if p.Kind == string(KindRefund) {
		label = "Amount refunded"
		rows = append(rows, [2]string{"Reason", p.Reason})
	}
	rows = append(rows, [2]string{label, d.money(p.Amount)})
	d.pdf.SetFillColor(240, 243, 247)
	for _, r := range rows {
		d.font("B", bodySize)
		d.pdf.CellFormat(40, lineHeight+1, r[0], "", 0, "L", true, 0, "")
		d.font("", bodySize)
		d.pdf.CellFormat(0, lineHeight+1, r[1], "", 1, "L", true, 0, "")
	}
	d.pdf.Ln(4)
}

// Columns of the lines table, in mm (180 wide).
var lineCols = []struct {
	title string
	width float64
	align string
}{{"Date", 26, "L"}, {"Category", 32, "L"}, {"Description", 70, "L"}, {"Amount", 30, "R"}, {"Paid", 22, "C"}}

func (d drawer) lines() {
	d.section("Charges")
	d.tableHead()
	for _, l := range d.sh.invoice.Lines {
		at, _ := time.Parse(time.RFC3339Nano, l.CreatedAt)
		desc := l.Description
		if l.Status == string(Void) {
			desc += " (void: " + l.VoidReason + ")"
		}
		d.row([]string{at.In(d.sh.loc).Format("2 Jan 2006"), Category(l.Category).Label(), desc, l.Amount.Display(), paidLabel(l)})
	}
	if len(d.sh.invoice.Lines) == 0 {
		d.font("", bodySize)
		d.pdf.CellFormat(0, lineHeight, "No charges.", "", 1, "L", false, 0, "")
	}
	d.pdf.Ln(3)
}

func paidLabel(r Record) string {
	switch r.Status {
	case string(Reversal):
		return "—"
	case "partially_paid":
		return "Part"
	}
	if r.Paid {
		return "Yes"
	}
	return "No"
}

func (d drawer) section(title string) {
	d.font("B", 11)
	d.pdf.CellFormat(0, 7, title, "", 1, "L", false, 0, "")
}

func (d drawer) tableHead() {
	d.font("B", bodySize)
	d.pdf.SetFillColor(225, 230, 238)
	for _, c := range lineCols {
		title := c.title
		if c.title == "Amount" {
			title += " (" + d.sh.currency + ")"
		}
		d.pdf.CellFormat(c.width, lineHeight+1, title, "1", 0, c.align, true, 0, "")
	}
	d.pdf.Ln(-1)
}

// row prints one line of the table; long descriptions wrap and the row grows with them.
// A row that would cross the page's end starts the next page, under the heading again.
func (d drawer) row(cells []string) {
	d.font("", bodySize)
	wrapped := make([][]string, len(cells))
	height := lineHeight
	for i, c := range cells {
		wrapped[i] = d.pdf.SplitText(c, lineCols[i].width-2)
		if len(wrapped[i]) == 0 {
			wrapped[i] = []string{""}
		}
		height = max(height, float64(len(wrapped[i]))*lineHeight)
	}
	_, pageH := d.pdf.GetPageSize()
	if d.pdf.GetY()+height > pageH-pageMargin-8 {
		d.pdf.AddPage()
		d.tableHead()
		d.font("", bodySize)
	}
	x, y := d.pdf.GetX(), d.pdf.GetY()
	for i, lines := range wrapped {
		d.pdf.Rect(x, y, lineCols[i].width, height, "D")
		for j, text := range lines {
			d.pdf.SetXY(x, y+float64(j)*lineHeight)
			d.pdf.CellFormat(lineCols[i].width, lineHeight, text, "", 0, lineCols[i].align, false, 0, "")
		}
		x += lineCols[i].width
	}
	d.pdf.SetXY(pageMargin, y+height)
}

func (d drawer) categoryTotals() {
	d.section("Totals by category")
	for _, t := range d.sh.invoice.CategoryTotals {
		d.font("", bodySize)
		d.pdf.CellFormat(60, lineHeight, t.Label, "B", 0, "L", false, 0, "")
		d.pdf.CellFormat(40, lineHeight, d.money(t.Total), "B", 1, "R", false, 0, "")
	}
	d.pdf.Ln(3)
}

// summary prints the figures the patient reads first.
func (d drawer) summary() {
	inv := d.sh.invoice
	paid := "Paid"
	if d.sh.payment != nil {
		paid = "Paid to date" // a receipt shows the invoice as it stands when printed
	}
	rows := [][2]string{{"Grand total", d.money(inv.Total)}, {paid, d.money(inv.Paid)}, {"Balance", d.money(inv.Balance)}}
	if inv.Credit > 0 {
		rows = append(rows, [2]string{"Credit due to the patient", d.money(inv.Credit)})
	}
	for i, r := range rows {
		style := ""
		if i == 0 || r[0] == "Balance" {
			style = "B"
		}
		d.font(style, 11)
		d.pdf.SetX(210 - pageMargin - 100)
		d.pdf.CellFormat(55, lineHeight+1, r[0], "", 0, "L", false, 0, "")
		d.pdf.CellFormat(45, lineHeight+1, r[1], "", 1, "R", false, 0, "")
	}
	d.pdf.Ln(3)
}

func (d drawer) payments() {
	d.section("Payments")
	d.font("B", bodySize)
	cols := []float64{30, 40, 35, 45, 30}
	for i, t := range []string{"Receipt", "Date", "Method", "Reference", "Amount"} {
		d.pdf.CellFormat(cols[i], lineHeight+1, t, "1", 0, "L", false, 0, "")
	}
	d.pdf.Ln(-1)
	d.font("", bodySize)
	for _, p := range d.sh.invoice.Payments {
		at, _ := time.Parse(time.RFC3339Nano, p.CreatedAt)
		amount := d.money(p.Amount)
		if p.Kind == string(KindRefund) {
			amount = "-" + amount
		}
		ref := p.Reference
		if p.Insurer != "" {
			ref = p.Insurer + " " + p.MemberNumber
		}
		for i, t := range []string{p.ReceiptNumber, d.when(at), Method(p.Method).Label(), ref, amount} {
			d.pdf.CellFormat(cols[i], lineHeight, t, "1", 0, "L", false, 0, "")
		}
		d.pdf.Ln(-1)
	}
	d.pdf.Ln(3)
}

func (d drawer) closing() {
	d.font("", 9)
	d.pdf.MultiCell(0, lineHeight, fmt.Sprintf("Amounts in %s. Printed %s.\nThank you for choosing %s.",
		d.sh.currency, d.when(d.sh.printed), d.sh.hospital), "", "L", false)
}

// statusLabel is an invoice status as people read it.
func statusLabel(s string) string {
	switch InvoiceStatus(s) {
	case Draft:
		return "Draft"
	case Issued:
		return "Issued"
	case PartiallyPaid:
		return "Partially paid"
	case FullyPaid:
		return "Paid"
	case Voided:
		return "Void"
	}
	return s
}
