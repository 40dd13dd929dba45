package app

import "github.com/google/uuid"

// referenceNamespace roots the name-based IDs of built-in reference rows, so that every
// laptop seeds the same zone or chain under the same ID and change packages can match them.
var referenceNamespace = uuid.MustParse("6f1c2b4e-9d2a-4c61-8e57-3b9a0c7d5e21")

// NewID returns a fresh UUID for a user record: a version 7 UUID, which starts with the
// time it was made (in milliseconds, then a counter) and ends with 62 random bits. IDs made
// one after another sort in that order, so each new record goes at the end of its table's
// primary-key index and of the indexes on the keys it links to, instead of at a random
// place: a large import writes far fewer B-tree pages (random version 4 IDs spread every
// insert over the whole index and left its pages half full).
func NewID() string { return uuid.Must(uuid.NewV7()).String() }

// ReferenceID returns the stable name-based UUID of a built-in reference row of the given
// kind ("zone", "chain").
func ReferenceID(kind, name string) string {
	return uuid.NewSHA1(referenceNamespace, []byte(kind+":"+name)).String()
}
