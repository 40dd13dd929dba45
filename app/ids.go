package app

import "github.com/google/uuid"

// referenceNamespace roots the name-based IDs of built-in reference rows, so that every
// laptop seeds the same zone or chain under the same ID and change packages can match them.
var referenceNamespace = uuid.MustParse("6f1c2b4e-9d2a-4c61-8e57-3b9a0c7d5e21")

// NewID returns a fresh random UUID for a user record.
func NewID() string { return uuid.NewString() }

// ReferenceID returns the stable name-based UUID of a built-in reference row of the given
// kind ("zone", "chain").
func ReferenceID(kind, name string) string {
	return uuid.NewSHA1(referenceNamespace, []byte(kind+":"+name)).String()
}
