package password

import "testing"

func BenchmarkHash(b *testing.B) {
	for b.Loop() {
		if _, err := Hash(seedPassword); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkVerify(b *testing.B) {
	encoded, err := Hash(seedPassword)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if ok, _, _ := Verify(encoded, seedPassword); !ok {
			b.Fatal("no match")
		}
	}
}

func BenchmarkVerifySeedBcryptSHA256(b *testing.B) {
	for b.Loop() {
		if ok, _, _ := Verify(seedHash, seedPassword); !ok {
			b.Fatal("no match")
		}
	}
}

func BenchmarkDummyVerify(b *testing.B) {
	for b.Loop() {
		DummyVerify(seedPassword)
	}
}

func BenchmarkValidate(b *testing.B) {
	attrs := UserAttrs{"lilyjohns", "Lily", "Johns", "lilyjohns@example.com"}
	for b.Loop() {
		if msgs := Validate(seedPassword, attrs); len(msgs) != 0 {
			b.Fatal(msgs)
		}
	}
}
