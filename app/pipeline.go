package app

import "context"

// The pipeline board: a column per stage with its most recently moved projects as cards, and
// what a move on the board must ask the user for.

// PipelineCard is what a card of the pipeline board shows of a project.
type PipelineCard struct {
	ID           string
	Name         string
	InvestorName string
	ZoneName     string
	Stage        Stage
	StageSince   Date
	SignedOn     Date
	StartedOn    Date
	Total        Yuan
}

// DaysInStage is how many days the project has been in its stage as of today.
func (c PipelineCard) DaysInStage(today Date) int {
	if c.StageSince.IsZero() {
		return 0
	}
	return today.DaysSince(c.StageSince)
}

// PipelineColumn is one stage of the board: every live project in it as a tally, and the most
// recently moved of them as cards.
type PipelineColumn struct {
	Stage Stage
	Tally
	Cards []PipelineCard
}

// Hidden is how many projects of the stage have no card in the column.
func (c PipelineColumn) Hidden() int { return max(0, c.Count-len(c.Cards)) }

// DefaultPipelineLimit is how many cards a column shows until the user asks for more.
const DefaultPipelineLimit = 200

// Pipeline reads the board: one column per stage in display order, each with at most
// limits[stage] cards (DefaultPipelineLimit when not given).
func (l *Ledger) Pipeline(ctx context.Context, limits map[Stage]int) ([]PipelineColumn, error) {
	tallies, err := l.store.StageTallies(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]PipelineColumn, 0, len(Stages))
	for _, st := range Stages {
		col := PipelineColumn{Stage: st, Tally: tallies[st]}
		if col.Count > 0 {
			limit := limits[st]
			if limit <= 0 {
				limit = DefaultPipelineLimit
			}
			if col.Cards, err = l.store.PipelineCards(ctx, st, limit); err != nil {
				return nil, err
			}
		}
		out = append(out, col)
	}
	return out, nil
}

// MoveNeeds says what a stage move asks for besides its date, under the rules CheckStageMove
// applies.
type MoveNeeds struct {
	Reason    bool // a step back, 中止 or 退库, or resuming a stopped or withdrawn project
	SignedOn  bool // the move reaches beyond 签约 and the project has no signing date
	StartedOn bool // the move reaches beyond 开工 and the project has no start date
}

// StageMoveNeeds says what moving a project from one stage to another asks for, given the
// milestone dates it already has.
func StageMoveNeeds(from, to Stage, signedOn, startedOn Date) MoveNeeds {
	return MoveNeeds{
		Reason:    to.Terminal() || from.Terminal() || (to.Rank() >= 0 && from.Rank() > to.Rank()),
		SignedOn:  to.Rank() > StageSigned.Rank() && signedOn.IsZero(),
		StartedOn: to.Rank() > StageStarted.Rank() && startedOn.IsZero(),
	}
}
