package app

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// Relationships between people: 同乡, 校友, 战友 and 亲属 are symmetric; 引荐人 is directed (one
// person introduced the other). A relationship is a record of its own, audited and moved to
// the recycle bin when removed, so that it can be restored.

// RelationKind is how two people are related.
type RelationKind string

// Relation kinds.
const (
	RelationHometown   RelationKind = "同乡"
	RelationAlumni     RelationKind = "校友"
	RelationComrade    RelationKind = "战友"
	RelationKin        RelationKind = "亲属"
	RelationIntroducer RelationKind = "引荐人"
)

// RelationKinds lists the kinds a user can choose.
var RelationKinds = []RelationKind{RelationHometown, RelationAlumni, RelationComrade, RelationKin, RelationIntroducer}

// Valid reports whether k is a known kind.
func (k RelationKind) Valid() bool {
	for _, x := range RelationKinds {
		if x == k {
			return true
		}
	}
	return false
}

// Directed reports whether the kind has a direction: only 引荐人 has.
func (k RelationKind) Directed() bool { return k == RelationIntroducer }

// Relationship links two people. For 引荐人, FromID is the introducer and ToID the person
// introduced; for the symmetric kinds the order carries no meaning and is normalised.
type Relationship struct {
	Meta
	Kind   RelationKind `json:"kind"`
	FromID string       `json:"from_id"`
	ToID   string       `json:"to_id"`
	Note   string       `json:"note"`
}

// NormalizeRelationship cleans the note and puts the two people of a symmetric relationship
// in a fixed order, so that A–B and B–A are the same relationship.
func NormalizeRelationship(r *Relationship) {
	r.Note = CleanText(r.Note)
	if !r.Kind.Directed() && r.FromID > r.ToID {
		r.FromID, r.ToID = r.ToID, r.FromID
	}
}

// ValidateRelationship checks a normalised relationship.
func ValidateRelationship(r Relationship) error {
	pr := problems{entity: "人物关系"}
	if !r.Kind.Valid() {
		pr.add("kind", fmt.Sprintf("关系类型应为同乡、校友、战友、亲属或引荐人，不能是“%s”", r.Kind))
	}
	switch {
	case r.FromID == "" || r.ToID == "":
		pr.add("to_id", "请选择关系的另一方")
	case r.FromID == r.ToID:
		pr.add("to_id", "不能和自己建立关系")
	}
	return pr.err()
}

// PersonRelation is a relationship as one person's page shows it: the other person and what
// they are to this person.
type PersonRelation struct {
	Relationship
	OtherID   string
	OtherName string
}

// Label says what the other person is to the person whose page shows it: the kind for the
// symmetric kinds; for 引荐人, "引荐人" when the other introduced this person and "经其引荐"
// when this person introduced the other.
func (r PersonRelation) Label() string {
	if r.Kind.Directed() && r.FromID != r.OtherID {
		return "经其引荐"
	}
	return string(r.Kind)
}

// SaveRelationship creates or updates a relationship. The same relationship twice is reported
// on the to_id field.
func (l *Ledger) SaveRelationship(ctx context.Context, r *Relationship) error {
	NormalizeRelationship(r)
	if err := ValidateRelationship(*r); err != nil {
		return err
	}
	err := save(ctx, l, r, &r.Meta, l.store.CreateRelationship, l.store.UpdateRelationship)
	if errors.Is(err, ErrDuplicate) {
		return &ValidationError{Entity: "人物关系", Problems: []FieldError{{"to_id", fmt.Sprintf("已有这条“%s”关系", r.Kind)}}}
	}
	return err
}

// SuggestedRelation is someone who may be a 同乡, 校友 or 战友 of a person, from the same native
// county, school or service place: a hint, not a stored relationship.
type SuggestedRelation struct {
	Kind   RelationKind
	Reason string // 同县 (籍贯 county), the school or the service place
	Total  int    // how many people share it
	People []PersonName
}

// PersonName is a person's ID and name.
type PersonName struct {
	ID   string
	Name string
}

// RelationshipStore keeps relationships between people.
type RelationshipStore interface {
	CreateRelationship(ctx context.Context, r Relationship) error
	UpdateRelationship(ctx context.Context, r Relationship, read time.Time) error
	Relationship(ctx context.Context, id string) (Relationship, error)
	// RelationsOf lists the live relationships of a person with a live other person, by kind
	// and the other's name.
	RelationsOf(ctx context.Context, personID string) ([]PersonRelation, error)
	// SuggestedRelations lists, per kind, up to limit live people who share the person's native
	// county (同乡), school (校友) or service place (战友), and how many do in all.
	SuggestedRelations(ctx context.Context, personID string, limit int) ([]SuggestedRelation, error)
}
