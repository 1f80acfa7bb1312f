package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/secret"
	"github.com/rankfile/rankfile/store"
)

const raceList = "actionkit_id,first_name,email,mailing_zip,xdate,membership_status,race\n" +
	"1,Ana,ana@example.org,90026,2030-01-01,Member in Good Standing,Latina\n"

func TestKeyGenerateImportAndRotate(t *testing.T) {
	wait := rotationWait
	rotationWait = 10 * time.Millisecond // no server runs here
	t.Cleanup(func() { rotationWait = wait })
	dir := t.TempDir()
	dsn, keyFile := filepath.Join(dir, "chapter.db"), filepath.Join(dir, "chapter.keys")
	env := map[string]string{"RANKFILE_DB": dsn, "RANKFILE_KEY_FILE": keyFile}
	cli := func(stdin string, args ...string) result {
		t.Helper()
		return runWith(t, context.Background(), env, stdin, args...)
	}

	if r := cli("", "members", "list"); r.code != exitInvalid || !strings.Contains(r.stderr, "does not exist") {
		t.Fatalf("a key file that does not exist: exit %d, %s", r.code, r.stderr)
	}
	delete(env, "RANKFILE_KEY_FILE")
	if r := cli(raceList, "import", "roster", "-"); r.code != exitInvalid || !strings.Contains(r.stderr, "no encryption key") {
		t.Fatalf("importing race without a key: exit %d, %s", r.code, r.stderr)
	}
	env["RANKFILE_KEY_FILE"] = keyFile
	if r := cli("", "key", "generate"); r.code != 0 {
		t.Fatalf("key generate: exit %d, %s", r.code, r.stderr)
	}
	if info, err := os.Stat(keyFile); err != nil || info.Mode().Perm() != 0o600 {
		t.Fatalf("the key file: %v, %v", info, err)
	}
	if r := cli("", "key", "generate"); r.code != exitConflict {
		t.Errorf("a second key generate over the first: exit %d", r.code)
	}
	if r := cli(raceList, "import", "roster", "-"); r.code != 0 {
		t.Fatalf("import with the key: exit %d, %s", r.code, r.stderr)
	}
	before, _ := secret.LoadFile(keyFile)

	r := cli("", "key", "rotate")
	if r.code != 0 || !strings.Contains(r.stdout, "Encrypted 1 values again") {
		t.Fatalf("key rotate: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	after, err := secret.LoadFile(keyFile)
	if err != nil || len(after.IDs()) != 1 || after.CurrentID() == before.CurrentID() {
		t.Fatalf("after rotation the key file holds %v (%v), before %v", after, err, before)
	}
	retired, _ := filepath.Glob(keyFile + ".retired-*")
	if len(retired) != 1 {
		t.Fatalf("retired key files: %v", retired)
	}
	if old, err := secret.LoadFile(retired[0]); err != nil || old.CurrentID() != before.CurrentID() {
		t.Errorf("the retired key file holds %v, %v", old, err)
	}
	if r := cli("", "key", "status"); !strings.Contains(r.stdout, "older key: 0") {
		t.Errorf("key status after rotation:\n%s%s", r.stdout, r.stderr)
	}
	if r := cli("", "audit", "log"); !strings.Contains(r.stdout, rankfile.AuditRotateKey) {
		t.Errorf("the audit log lacks the rotation:\n%s", r.stdout)
	}

	db, err := store.Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.Keys = after
	ana, err := store.NewMemberService(db).FindMember(context.Background(), rankfile.MemberFilter{NationalID: "1"})
	if err != nil {
		t.Fatal(err)
	}
	if sens, err := store.NewMemberService(db).FindMemberSensitive(context.Background(), ana.ID); err != nil || sens.Race != "Latina" {
		t.Errorf("Ana's race with the new key alone: %+v, %v", sens, err)
	}
}

func TestKeyRotateNeedsAKeyFile(t *testing.T) {
	dsn := filepath.Join(t.TempDir(), "chapter.db")
	if r := run(t, dsn, "key", "rotate"); r.code != exitInvalid || !strings.Contains(r.stderr, "--key-file") {
		t.Errorf("rotating a key from RANKFILE_KEY: exit %d, %s", r.code, r.stderr)
	}
}
