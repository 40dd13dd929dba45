package app

import (
	"fmt"
	"testing"
)

// stageToday is "today" in the stage tests.
var stageToday = MustDate("2025-06-30")

// projectAt returns a project sitting in stage s since 2025-01-10 with the milestone dates
// that stage needs (signed 01-05, started 01-08, produced 01-10).
func projectAt(s Stage) Project {
	p := Project{Name: "年产10万吨锂电材料项目", Stage: s, StageSince: MustDate("2025-01-10")}
	if s.AtLeast(StageSigned) {
		p.SignedOn = MustDate("2025-01-05")
	}
	if s.AtLeast(StageStarted) {
		p.StartedOn = MustDate("2025-01-08")
	}
	if s == StageProducing {
		p.ProducedOn = MustDate("2025-01-10")
	}
	if s.Terminal() {
		p.StageReason = "资金链断裂"
	}
	return p
}

func TestCheckStageMoveForward(t *testing.T) {
	on := MustDate("2025-03-01")
	for i, from := range PipelineStages {
		for _, to := range PipelineStages[i+1:] {
			// A move that skips 签约 must bring the signing date, one that skips 开工 the
			// start date; the stage reached gets the move's date.
			needSign := to.Rank() > StageSigned.Rank() && from.Rank() < StageSigned.Rank()
			needStart := to.Rank() > StageStarted.Rank() && from.Rank() < StageStarted.Rank()
			m := StageMove{To: to, On: on}
			if needSign {
				m.SignedOn = MustDate("2025-02-01")
			}
			if needStart {
				m.StartedOn = MustDate("2025-02-15")
			}
			p := projectAt(from)
			t.Run(fmt.Sprintf("%s→%s with needed dates", from, to), func(t *testing.T) {
				wantFields(t, CheckStageMove(p, m, stageToday))
				got := ApplyStageMove(p, m)
				if got.Stage != to || got.StageSince != on || got.StageReason != "" {
					t.Errorf("moved to %s since %s (%q)", got.Stage, got.StageSince, got.StageReason)
				}
				if to.AtLeast(StageSigned) && got.SignedOn.IsZero() {
					t.Error("no signing date")
				}
				if to.AtLeast(StageStarted) && got.StartedOn.IsZero() {
					t.Error("no start date")
				}
				if to == StageProducing && got.ProducedOn.IsZero() {
					t.Error("no production date")
				}
			})
			if needSign || needStart {
				var want []string
				if needSign {
					want = append(want, "signed_on")
				}
				if needStart {
					want = append(want, "started_on")
				}
				t.Run(fmt.Sprintf("%s→%s without skipped dates", from, to), func(t *testing.T) {
					wantFields(t, CheckStageMove(p, StageMove{To: to, On: on}, stageToday), want...)
				})
			}
		}
	}
}

func TestCheckStageMoveSameStage(t *testing.T) {
	for _, s := range Stages {
		t.Run(string(s), func(t *testing.T) {
			m := StageMove{To: s, On: MustDate("2025-03-01"), Reason: "再次确认"}
			wantFields(t, CheckStageMove(projectAt(s), m, stageToday), "stage")
		})
	}
}

func TestCheckStageMoveBack(t *testing.T) {
	on := MustDate("2025-03-01")
	for i, from := range PipelineStages {
		for _, to := range PipelineStages[:i] {
			p := projectAt(from)
			t.Run(fmt.Sprintf("%s→%s without reason", from, to), func(t *testing.T) {
				wantFields(t, CheckStageMove(p, StageMove{To: to, On: on}, stageToday), "stage_reason")
			})
			t.Run(fmt.Sprintf("%s→%s blank reason", from, to), func(t *testing.T) {
				wantFields(t, CheckStageMove(p, StageMove{To: to, On: on, Reason: " \u3000\t"}, stageToday), "stage_reason")
			})
			t.Run(fmt.Sprintf("%s→%s with reason", from, to), func(t *testing.T) {
				m := StageMove{To: to, On: on, Reason: "投资方调整方案，重新洽谈"}
				wantFields(t, CheckStageMove(p, m, stageToday))
				got := ApplyStageMove(p, m)
				if got.SignedOn != p.SignedOn || got.StartedOn != p.StartedOn || got.ProducedOn != p.ProducedOn {
					t.Errorf("a step back changed milestone dates: %+v", got)
				}
				if got.StageReason != m.Reason {
					t.Errorf("reason %q", got.StageReason)
				}
			})
		}
	}
}

func TestCheckStageMoveStopAndWithdraw(t *testing.T) {
	on := MustDate("2025-03-01")
	for _, from := range Stages {
		for _, to := range []Stage{StageStopped, StageWithdrawn} {
			if from == to {
				continue
			}
			p := projectAt(from)
			t.Run(fmt.Sprintf("%s→%s without reason", from, to), func(t *testing.T) {
				wantFields(t, CheckStageMove(p, StageMove{To: to, On: on}, stageToday), "stage_reason")
			})
			t.Run(fmt.Sprintf("%s→%s blank reason", from, to), func(t *testing.T) {
				wantFields(t, CheckStageMove(p, StageMove{To: to, On: on, Reason: "\u3000"}, stageToday), "stage_reason")
			})
			t.Run(fmt.Sprintf("%s→%s with reason", from, to), func(t *testing.T) {
				m := StageMove{To: to, On: on, Reason: "  投资方 \u3000 战略调整 "}
				wantFields(t, CheckStageMove(p, m, stageToday))
				got := ApplyStageMove(p, m)
				if got.StageReason != "投资方 战略调整" {
					t.Errorf("reason not cleaned: %q", got.StageReason)
				}
				if got.SignedOn != p.SignedOn || got.StartedOn != p.StartedOn || got.ProducedOn != p.ProducedOn {
					t.Errorf("stopping changed milestone dates: %+v", got)
				}
			})
		}
	}
}

func TestCheckStageMoveResume(t *testing.T) {
	on := MustDate("2025-03-01")
	for _, from := range []Stage{StageStopped, StageWithdrawn} {
		// Stopped after it had started: signed and started dates are kept.
		p := projectAt(from)
		p.SignedOn, p.StartedOn = MustDate("2025-01-05"), MustDate("2025-01-08")
		for _, to := range PipelineStages {
			t.Run(fmt.Sprintf("%s→%s without reason", from, to), func(t *testing.T) {
				wantFields(t, CheckStageMove(p, StageMove{To: to, On: on}, stageToday), "stage_reason")
			})
			t.Run(fmt.Sprintf("%s→%s with reason", from, to), func(t *testing.T) {
				m := StageMove{To: to, On: on, Reason: "投资方重新启动"}
				wantFields(t, CheckStageMove(p, m, stageToday))
				got := ApplyStageMove(p, m)
				if got.SignedOn != p.SignedOn || got.StartedOn != p.StartedOn {
					t.Errorf("resuming changed milestone dates: %+v", got)
				}
			})
		}
		// Stopped while still 在谈: resuming at 开工 needs the signing date.
		q := projectAt(from)
		t.Run(fmt.Sprintf("%s→开工 never signed", from), func(t *testing.T) {
			m := StageMove{To: StageStarted, On: on, Reason: "恢复"}
			wantFields(t, CheckStageMove(q, m, stageToday), "signed_on")
			m.SignedOn = MustDate("2025-02-20")
			wantFields(t, CheckStageMove(q, m, stageToday))
		})
	}
}

func TestCheckStageMoveDates(t *testing.T) {
	p := projectAt(StageNegotiating) // since 2025-01-10
	tests := []struct {
		name string
		m    StageMove
		want []string
	}{
		{"date missing", StageMove{To: StageSigned}, []string{"stage_since"}},
		{"date in the future", StageMove{To: StageSigned, On: stageToday.AddDays(1)}, []string{"stage_since"}},
		{"date today", StageMove{To: StageSigned, On: stageToday}, nil},
		{"date before the last change", StageMove{To: StageSigned, On: MustDate("2025-01-09")}, []string{"stage_since"}},
		{"date on the last change", StageMove{To: StageSigned, On: MustDate("2025-01-10")}, nil},
		{"back without reason and without date", StageMove{To: StageReserve}, []string{"stage_reason", "stage_since"}},
		{"unknown stage", StageMove{To: "立项", On: MustDate("2025-03-01")}, []string{"stage"}},
		{"empty stage", StageMove{On: MustDate("2025-03-01")}, []string{"stage"}},
		{"在谈→开工 without signing date", StageMove{To: StageStarted, On: MustDate("2025-03-01")}, []string{"signed_on"}},
		{"在谈→开工 with signing date", StageMove{To: StageStarted, On: MustDate("2025-03-01"), SignedOn: MustDate("2025-02-01")}, nil},
		{"在谈→开工 signed the same day", StageMove{To: StageStarted, On: MustDate("2025-03-01"), SignedOn: MustDate("2025-03-01")}, nil},
		{"在谈→开工 signing date in the future", StageMove{To: StageStarted, On: MustDate("2025-03-01"), SignedOn: stageToday.AddDays(1)}, []string{"signed_on"}},
		{"在谈→开工 signed after the start", StageMove{To: StageStarted, On: MustDate("2025-03-01"), SignedOn: MustDate("2025-04-01")}, []string{"signed_on"}},
		{"在谈→投产 started before signing", StageMove{To: StageProducing, On: MustDate("2025-05-01"), SignedOn: MustDate("2025-03-01"), StartedOn: MustDate("2025-02-01")}, []string{"started_on"}},
		{"在谈→投产 produced before the start", StageMove{To: StageProducing, On: MustDate("2025-03-01"), SignedOn: MustDate("2025-02-01"), StartedOn: MustDate("2025-04-01")}, []string{"started_on"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			wantFields(t, CheckStageMove(p, tc.m, stageToday), tc.want...)
		})
	}
	t.Run("签约→投产 needs the start date", func(t *testing.T) {
		q := projectAt(StageSigned)
		m := StageMove{To: StageProducing, On: MustDate("2025-05-01")}
		wantFields(t, CheckStageMove(q, m, stageToday), "started_on")
		m.StartedOn = MustDate("2025-03-01")
		wantFields(t, CheckStageMove(q, m, stageToday))
	})
	t.Run("储备→在谈→签约 step by step", func(t *testing.T) {
		q := projectAt(StageReserve)
		m1 := StageMove{To: StageNegotiating, On: MustDate("2025-02-01")}
		wantFields(t, CheckStageMove(q, m1, stageToday))
		q = ApplyStageMove(q, m1)
		m2 := StageMove{To: StageSigned, On: MustDate("2025-02-01")}
		wantFields(t, CheckStageMove(q, m2, stageToday))
		q = ApplyStageMove(q, m2)
		if q.SignedOn != MustDate("2025-02-01") {
			t.Errorf("SignedOn = %v", q.SignedOn)
		}
	})
	t.Run("messages are Chinese and name the stages", func(t *testing.T) {
		err := CheckStageMove(projectAt(StageStarted), StageMove{To: StageNegotiating, On: MustDate("2025-03-01")}, stageToday)
		ve, ok := err.(*ValidationError)
		if !ok || ve.Entity != "阶段变更" || ve.For("stage_reason") != "从“开工”退回“在谈”须填写原因" {
			t.Errorf("got %#v", err)
		}
	})
}

func TestApplyStageMove(t *testing.T) {
	tests := []struct {
		name                       string
		p                          Project
		m                          StageMove
		signed, started, produced  string
		wantStage                  Stage
		wantSince, wantStageReason string
	}{
		{
			name: "在谈→签约 sets the signing date", p: projectAt(StageNegotiating),
			m:      StageMove{To: StageSigned, On: MustDate("2025-03-01")},
			signed: "2025-03-01", wantStage: StageSigned, wantSince: "2025-03-01",
		},
		{
			name: "签约→开工 sets the start date", p: projectAt(StageSigned),
			m:      StageMove{To: StageStarted, On: MustDate("2025-03-01")},
			signed: "2025-01-05", started: "2025-03-01", wantStage: StageStarted, wantSince: "2025-03-01",
		},
		{
			name: "开工→在建 sets no date", p: projectAt(StageStarted),
			m:      StageMove{To: StageBuilding, On: MustDate("2025-03-01")},
			signed: "2025-01-05", started: "2025-01-08", wantStage: StageBuilding, wantSince: "2025-03-01",
		},
		{
			name: "在建→投产 sets the production date", p: projectAt(StageBuilding),
			m:      StageMove{To: StageProducing, On: MustDate("2025-06-01")},
			signed: "2025-01-05", started: "2025-01-08", produced: "2025-06-01", wantStage: StageProducing, wantSince: "2025-06-01",
		},
		{
			name: "在谈→开工 takes the signing date from the move", p: projectAt(StageNegotiating),
			m:      StageMove{To: StageStarted, On: MustDate("2025-03-01"), SignedOn: MustDate("2025-02-01")},
			signed: "2025-02-01", started: "2025-03-01", wantStage: StageStarted, wantSince: "2025-03-01",
		},
		{
			name: "储备→在建 takes both dates from the move", p: projectAt(StageReserve),
			m:      StageMove{To: StageBuilding, On: MustDate("2025-03-01"), SignedOn: MustDate("2025-02-01"), StartedOn: MustDate("2025-02-10")},
			signed: "2025-02-01", started: "2025-02-10", wantStage: StageBuilding, wantSince: "2025-03-01",
		},
		{
			name: "a move's signing date does not replace the first one", p: projectAt(StageSigned),
			m:      StageMove{To: StageStarted, On: MustDate("2025-03-01"), SignedOn: MustDate("2025-02-20")},
			signed: "2025-01-05", started: "2025-03-01", wantStage: StageStarted, wantSince: "2025-03-01",
		},
		{
			name: "re-signing after a step back keeps the first signing", p: func() Project {
				p := projectAt(StageSigned)
				return ApplyStageMove(p, StageMove{To: StageNegotiating, On: MustDate("2025-02-01"), Reason: "条款变更"})
			}(),
			m:      StageMove{To: StageSigned, On: MustDate("2025-04-01")},
			signed: "2025-01-05", wantStage: StageSigned, wantSince: "2025-04-01",
		},
		{
			name: "resuming at 开工 keeps the first start", p: func() Project {
				p := projectAt(StageStarted)
				return ApplyStageMove(p, StageMove{To: StageStopped, On: MustDate("2025-02-01"), Reason: "环评未过"})
			}(),
			m:      StageMove{To: StageStarted, On: MustDate("2025-05-01"), Reason: "环评通过"},
			signed: "2025-01-05", started: "2025-01-08", wantStage: StageStarted, wantSince: "2025-05-01", wantStageReason: "环评通过",
		},
		{
			name: "中止 keeps dates and the cleaned reason", p: projectAt(StageBuilding),
			m:      StageMove{To: StageStopped, On: MustDate("2025-03-01"), Reason: " 资金 \u3000不到位 "},
			signed: "2025-01-05", started: "2025-01-08", wantStage: StageStopped, wantSince: "2025-03-01", wantStageReason: "资金 不到位",
		},
		{
			name: "resuming from 退库 records the new reason", p: projectAt(StageWithdrawn),
			m:         StageMove{To: StageNegotiating, On: MustDate("2025-03-01"), Reason: "投资方重新对接"},
			wantStage: StageNegotiating, wantSince: "2025-03-01", wantStageReason: "投资方重新对接",
		},
		{
			name: "a forward move clears the reason of a step back", p: func() Project {
				return ApplyStageMove(projectAt(StageStarted), StageMove{To: StageSigned, On: MustDate("2025-02-01"), Reason: "开工延期"})
			}(),
			m:      StageMove{To: StageStarted, On: MustDate("2025-03-01")},
			signed: "2025-01-05", started: "2025-01-08", wantStage: StageStarted, wantSince: "2025-03-01",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			before := tc.p
			got := ApplyStageMove(tc.p, tc.m)
			if got.Stage != tc.wantStage || got.StageSince.String() != tc.wantSince || got.StageReason != tc.wantStageReason {
				t.Errorf("stage %s since %s reason %q; want %s since %s reason %q",
					got.Stage, got.StageSince, got.StageReason, tc.wantStage, tc.wantSince, tc.wantStageReason)
			}
			if got.SignedOn.String() != tc.signed || got.StartedOn.String() != tc.started || got.ProducedOn.String() != tc.produced {
				t.Errorf("signed %q started %q produced %q; want %q %q %q",
					got.SignedOn, got.StartedOn, got.ProducedOn, tc.signed, tc.started, tc.produced)
			}
			if tc.p.Stage != before.Stage || tc.p.SignedOn != before.SignedOn {
				t.Error("ApplyStageMove changed its argument")
			}
		})
	}
}

func TestCheckStageMoveMilestoneAfterMove(t *testing.T) {
	p := projectAt(StageNegotiating)
	m := StageMove{To: StageBuilding, On: MustDate("2025-03-01"), SignedOn: MustDate("2025-02-01"), StartedOn: MustDate("2025-05-01")}
	wantFields(t, CheckStageMove(p, m, stageToday), "started_on")
}
