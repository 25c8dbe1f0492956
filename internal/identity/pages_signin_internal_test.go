package identity

import "testing"

func TestWaitWords(t *testing.T) {
	for secs, want := range map[int]string{
		0: "1 second", 1: "1 second", 2: "2 seconds", 59: "59 seconds", 60: "1 minute",
		61: "2 minutes", 300: "5 minutes", 900: "15 minutes",
	} {
		if got := waitWords(secs); got != want {
			t.Errorf("waitWords(%d) = %q, want %q", secs, got, want)
		}
	}
}
