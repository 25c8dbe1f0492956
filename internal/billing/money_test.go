package billing

import (
	"encoding/json"
	"testing"

	"healthsynx/internal/platform/errs"
)

func TestParseMoney(t *testing.T) {
	for _, tc := range []struct {
		body string // the JSON value sent
		want Money
		msg  string // the field error, "" when valid
	}{
		{`"1200"`, 120000, ""},
		{`"1200.5"`, 120050, ""},
		{`"1200.50"`, 120050, ""},
		{`1200.50`, 120050, ""},
		{`1200.5`, 120050, ""},
		{`1200`, 120000, ""},
		{`"0.01"`, 1, ""},
		{`".5"`, 50, ""},
		{`" 75.25 "`, 7525, ""},
		{`"0012.30"`, 1230, ""},
		{`"99999999.99"`, 9999999999, ""},
		// A float that binary cannot hold exactly is still read exactly: the text is kept.
		{`0.29`, 29, ""},
		{`"0"`, 0, msgPositive},
		{`0.00`, 0, msgPositive},
		{`"-5"`, 0, msgPositive},
		{`-0.01`, 0, msgPositive},
		{`"1.005"`, 0, msgDecimals},
		{`12.345`, 0, msgDecimals},
		{`"100000000"`, 0, msgWhole},
		{`"1,200.00"`, 0, msgNumber},
		{`"12a"`, 0, msgNumber},
		{`"1e3"`, 0, msgNumber},
		{`1e3`, 0, msgNumber},
		{`"+5"`, 0, msgNumber},
		{`""`, 0, msgNumber},
		{`"."`, 0, msgNumber},
		{`"5."`, 0, msgNumber},
		{`true`, 0, msgNumber},
		{`{}`, 0, msgNumber},
	} {
		var in struct {
			Amount *MoneyInput `json:"amount"`
		}
		if err := json.Unmarshal([]byte(`{"amount": `+tc.body+`}`), &in); err != nil {
			t.Errorf("%s: decode: %v", tc.body, err)
			continue
		}
		f := errs.Fields{}
		got := ParseMoney(f, "amount", in.Amount)
		switch {
		case tc.msg == "" && len(f) > 0:
			t.Errorf("%s: refused: %v", tc.body, f)
		case tc.msg != "" && (len(f["amount"]) != 1 || f["amount"][0] != tc.msg):
			t.Errorf("%s: errors %v, want %q", tc.body, f, tc.msg)
		case tc.msg == "" && got != tc.want:
			t.Errorf("%s = %d minor units, want %d", tc.body, got, tc.want)
		}
	}
	f := errs.Fields{}
	ParseMoney(f, "amount", nil)
	if f["amount"][0] != msgRequiredAmount {
		t.Errorf("absent amount: %v", f)
	}
}

func TestMoneyRendering(t *testing.T) {
	for _, tc := range []struct {
		m                Money
		api, display, js string
	}{
		{120000, "1200.00", "1,200.00", `"1200.00"`},
		{5, "0.05", "0.05", `"0.05"`},
		{0, "0.00", "0.00", `"0.00"`},
		{-120050, "-1200.50", "-1,200.50", `"-1200.50"`},
		{123456789, "1234567.89", "1,234,567.89", `"1234567.89"`},
	} {
		b, _ := json.Marshal(tc.m)
		if tc.m.String() != tc.api || tc.m.Display() != tc.display || string(b) != tc.js {
			t.Errorf("%d: %q %q %s, want %q %q %s", tc.m, tc.m.String(), tc.m.Display(), b, tc.api, tc.display, tc.js)
		}
		var back Money
		if err := json.Unmarshal(b, &back); err != nil || back != tc.m {
			t.Errorf("%s reads back as %d (%v)", b, back, err)
		}
	}
	// Totals and the dashboard keep the original's JSON numbers, written exactly.
	b, _ := json.Marshal(map[string]Number{"grand_total": 30010})
	if string(b) != `{"grand_total":300.10}` {
		t.Errorf("Number renders %s", b)
	}
}
