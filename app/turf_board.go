package app

import (
	"context"
	"strconv"
	"strings"
	"time"

	"github.com/rankfile/rankfile"
)

// TurfBoard is a campaign's turfs as those who run it see them: where
// each is, who holds it, and how far along its doors are.
type TurfBoard struct {
	Campaign *rankfile.Campaign `json:"campaign"`
	Turfs    []*BoardTurf       `json:"turfs"`
	// Uncut counts the doors in no open turf, of which Unplaced have no
	// coordinates (a cut cannot place them).
	Uncut    int `json:"uncut"`
	Unplaced int `json:"unplaced"`
}

// BoardTurf is one turf on the board.
type BoardTurf struct {
	*rankfile.Turf
	State     rankfile.TurfState `json:"state"`
	Canvasser string             `json:"canvasser,omitempty"`
	Partner   string             `json:"partner,omitempty"`
	Knocked   int                `json:"knocked"` // doors knocked on so far
}

// TurfBoard returns a campaign's turfs, for those who run it.
func (a *App) TurfBoard(ctx context.Context, actor *rankfile.Actor, campaignID int64) (*TurfBoard, error) {
	c, err := a.managedCampaign(ctx, actor, campaignID)
	if err != nil {
		return nil, err
	}
	b := &TurfBoard{Campaign: c, Turfs: []*BoardTurf{}}
	if err := a.boardDoors(ctx, b); err != nil {
		return nil, err
	}
	turfs, err := a.Turfs.Turfs(ctx, campaignID)
	if err != nil {
		return nil, err
	}
	knocked, err := a.knockedByTurf(ctx, campaignID)
	if err != nil {
		return nil, err
	}
	now, names := a.Now(), map[int64]string{}
	for _, t := range turfs {
		bt := &BoardTurf{Turf: t, State: t.State(now), Knocked: knocked[strconv.FormatInt(t.ID, 10)]}
		if bt.State == rankfile.TurfOut {
			if bt.Canvasser, err = a.cachedName(ctx, names, t.CanvasserID); err != nil {
				return nil, err
			}
			if bt.Partner, err = a.cachedName(ctx, names, t.PartnerID); err != nil {
				return nil, err
			}
		}
		b.Turfs = append(b.Turfs, bt)
	}
	return b, nil
}

// boardDoors counts the campaign's doors in no open turf.
func (a *App) boardDoors(ctx context.Context, b *TurfBoard) error {
	uncut, err := a.Turfs.UncutDoors(ctx, b.Campaign.ID)
	for _, h := range uncut {
		b.Uncut++
		if h.Point == nil {
			b.Unplaced++
		}
	}
	return err
}

// knockedByTurf counts the doors knocked on in each turf, by turf id.
func (a *App) knockedByTurf(ctx context.Context, campaignID int64) (map[string]int, error) {
	results, err := a.Attempts.FieldResults(ctx, campaignID, rankfile.ResultsByTurf)
	out := map[string]int{}
	for _, r := range results {
		out[r.Key] = r.Doors
	}
	return out, err
}

// cachedName returns a member's name, once per member a page names.
func (a *App) cachedName(ctx context.Context, names map[int64]string, id int64) (string, error) {
	if id == 0 {
		return "", nil
	}
	if n, ok := names[id]; ok {
		return n, nil
	}
	n, err := a.memberName(ctx, id)
	names[id] = n
	return n, err
}

// TurfView is a turf's page: its doors in walking order, and for those
// who run the campaign, who held it when.
type TurfView struct {
	Campaign *rankfile.Campaign   `json:"campaign"`
	Turf     *BoardTurf           `json:"turf"`
	Doors    []*rankfile.TurfDoor `json:"doors"`
	History  []*TurfCheckoutView  `json:"history,omitempty"`
	Runs     bool                 `json:"runs"`
}

// TurfCheckoutView is a checkout with the names of who held the turf.
type TurfCheckoutView struct {
	*rankfile.TurfCheckout
	Canvasser string `json:"canvasser"`
	Partner   string `json:"partner,omitempty"`
}

// TurfView returns a turf's page for those who run its campaign and for
// the canvasser and partner who hold it now (without its history).
func (a *App) TurfView(ctx context.Context, actor *rankfile.Actor, turfID int64) (*TurfView, error) {
	if err := actor.Require(actor.CanSeeCampaigns()); err != nil {
		return nil, err // before looking: who is signed out learns nothing of which turfs exist
	}
	t, doors, err := a.TurfDoors(ctx, actor, turfID)
	if err != nil {
		return nil, err
	}
	found, err := a.Campaigns.FindCampaigns(ctx, t.CampaignID)
	if err != nil {
		return nil, err
	}
	v := &TurfView{Campaign: found[0], Doors: doors, Runs: actor.CanManageCampaign(found[0].BodyID)}
	names := map[int64]string{}
	v.Turf = &BoardTurf{Turf: t, State: t.State(a.Now())}
	if v.Turf.Canvasser, err = a.cachedName(ctx, names, t.CanvasserID); err != nil {
		return nil, err
	}
	if v.Turf.Partner, err = a.cachedName(ctx, names, t.PartnerID); err != nil {
		return nil, err
	}
	if !v.Runs {
		return v, nil
	}
	return v, a.turfHistory(ctx, v, names)
}

// turfHistory adds who held the turf when.
func (a *App) turfHistory(ctx context.Context, v *TurfView, names map[int64]string) error {
	history, err := a.Turfs.TurfCheckouts(ctx, v.Turf.ID)
	if err != nil {
		return err
	}
	v.History = []*TurfCheckoutView{}
	for _, c := range history {
		cv := &TurfCheckoutView{TurfCheckout: c}
		if cv.Canvasser, err = a.cachedName(ctx, names, c.CanvasserID); err != nil {
			return err
		}
		if cv.Partner, err = a.cachedName(ctx, names, c.PartnerID); err != nil {
			return err
		}
		v.History = append(v.History, cv)
	}
	return nil
}

// CheckOutTurfTo checks a turf out to the canvasser and partner named by
// national id or email, as the form names them.
func (a *App) CheckOutTurfTo(ctx context.Context, actor *rankfile.Actor, turfID int64, canvasser, partner string, until time.Time) error {
	if _, err := a.managedTurf(ctx, actor, turfID); err != nil {
		return err
	}
	c, err := a.memberByRef(ctx, canvasser)
	if err != nil {
		return inputError("canvasser", err)
	}
	var partnerID int64
	if strings.TrimSpace(partner) != "" {
		p, err := a.memberByRef(ctx, strings.TrimSpace(partner))
		if err != nil {
			return inputError("partner", err)
		}
		partnerID = p.ID
	}
	return a.CheckOutTurf(ctx, actor, turfID, c.ID, partnerID, until)
}

// inputError turns a member a form names but who cannot be found into a
// mistake in that field.
func inputError(field string, err error) error {
	if code := rankfile.ErrorCode(err); code == rankfile.ENOTFOUND || code == rankfile.ECONFLICT {
		return rankfile.FieldErrorf(field, rankfile.EINVALID, "%s", rankfile.ErrorMessage(err))
	}
	return err
}
