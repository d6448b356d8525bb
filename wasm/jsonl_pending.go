//go:build js && wasm

package main

import (
	"errors"

	"github.com/spanmark/spanmark/annotations"
)

// encodeJSONL stands in until annotations/jsonl.go lands.
func encodeJSONL(*annotations.File) ([]byte, error) {
	return nil, errors.New("JSONL export is not available yet")
}
