package app

import (
	"bytes"
	"context"
	"image"
	"image/jpeg"
	_ "image/png" // members upload PNG too

	"golang.org/x/image/draw"

	"github.com/rankfile/rankfile"
)

// Candidates' photos are decoded and drawn again as a JPEG of at most
// photoSize pixels a side: what is stored and shown is only the picture,
// never the upload's bytes, nor whatever they carried besides (a phone's
// photo says where it was taken).
const (
	// MaxPhotoUpload bounds an uploaded photo, in bytes.
	MaxPhotoUpload = 8 << 20
	// photoSize is the longest side of a stored photo, in pixels.
	photoSize = 600
	// maxPhotoPixels refuses pictures that would take too much memory to
	// decode, whatever their file's size.
	maxPhotoPixels = 40_000_000
)

// SetPhoto stores a candidate's photo (JPEG or PNG), by the candidate,
// until voting opens; an empty upload removes it.
func (a *App) SetPhoto(ctx context.Context, actor *rankfile.Actor, electionID, candidateID int64, upload []byte) error {
	cand, err := a.candidateOf(ctx, actor, electionID, candidateID)
	if err != nil {
		return err
	}
	var stored []byte
	if len(upload) > 0 {
		if stored, err = redrawPhoto(upload); err != nil {
			return err
		}
	}
	return a.Elections.SetPhoto(as(ctx, actor), cand.ID, stored)
}

// redrawPhoto decodes a photo and draws it again, scaled down, as JPEG.
func redrawPhoto(upload []byte) ([]byte, error) {
	cfg, _, err := image.DecodeConfig(bytes.NewReader(upload))
	if err != nil {
		return nil, rankfile.Errorf(rankfile.EINVALID, "the photo must be a JPEG or PNG picture")
	}
	if cfg.Width*cfg.Height > maxPhotoPixels || cfg.Width < 1 || cfg.Height < 1 {
		return nil, rankfile.Errorf(rankfile.EINVALID, "the photo is %d×%d pixels; at most %d million, please", cfg.Width, cfg.Height, maxPhotoPixels/1_000_000)
	}
	src, _, err := image.Decode(bytes.NewReader(upload))
	if err != nil {
		return nil, rankfile.Errorf(rankfile.EINVALID, "the photo could not be read: %v", err)
	}
	w, h := cfg.Width, cfg.Height
	if scale := float64(photoSize) / float64(max(w, h)); scale < 1 {
		w, h = max(1, int(float64(w)*scale)), max(1, int(float64(h)*scale))
	}
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	draw.CatmullRom.Scale(dst, dst.Bounds(), src, src.Bounds(), draw.Src, nil)
	var out bytes.Buffer
	if err := jpeg.Encode(&out, dst, &jpeg.Options{Quality: 85}); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// Photo returns a candidate's photo, JPEG, for anyone who may see the
// election: only while they stand (a nominee who has not accepted, or a
// candidate who withdrew, is not shown).
func (a *App) Photo(ctx context.Context, electionID, candidateID int64) ([]byte, error) {
	e, err := a.Election(ctx, electionID)
	if err != nil {
		return nil, err
	}
	if _, cand := e.Candidate(candidateID); cand == nil || cand.Status != rankfile.CandidateAccepted {
		return nil, rankfile.Errorf(rankfile.ENOTFOUND, "no such candidate")
	}
	return a.Elections.Photo(ctx, candidateID)
}
