package count

import (
	"os"
	"path/filepath"
	"testing"
)

func BenchmarkZZRead(b *testing.B) {
	path := filepath.Join(stvData(b), "synthetic", "synth_200k_20c_5s.blt")
	for b.Loop() {
		f, _ := os.Open(path)
		_, err := ReadBLTPacked(f)
		f.Close()
		if err != nil {
			b.Fatal(err)
		}
	}
}
