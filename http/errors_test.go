package http_test

import (
	"encoding/json"
	"net/http"
	"testing"

	rfhttp "github.com/rankfile/rankfile/http"
	"github.com/rankfile/rankfile/store/storetest"
)

// TestTheAPIAnswersAWrongMethodInJSON checks that a method no route takes
// on a path of the API that routes take by others is 405 with those
// methods in Allow, in the API's shape of an error, and that a path no
// route takes is still the API's 404.
func TestTheAPIAnswersAWrongMethodInJSON(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newWorld(t, dsn)
		auth := "Bearer " + w.token("admin")
		for _, c := range []struct {
			method, path string
			status       int
			allow        string
		}{
			{"DELETE", "/api/v1/imports", http.StatusMethodNotAllowed, "GET, HEAD, POST"},
			{"PATCH", "/api/v1/events/1", http.StatusMethodNotAllowed, "GET, HEAD, PUT"},
			{"PUT", "/api/v1/openapi.json", http.StatusMethodNotAllowed, "GET, HEAD"},
			{"DELETE", "/api/v1/nothing-here", http.StatusNotFound, ""},
		} {
			r, _ := http.NewRequest(c.method, w.srv.URL+c.path, nil)
			r.Header.Set("Authorization", auth)
			resp, err := http.DefaultClient.Do(r)
			if err != nil {
				t.Fatal(err)
			}
			var e struct {
				Error struct{ Code, Message string }
			}
			err = json.NewDecoder(resp.Body).Decode(&e)
			resp.Body.Close()
			if resp.StatusCode != c.status || resp.Header.Get("Allow") != c.allow || err != nil || e.Error.Message == "" ||
				resp.Header.Get("Content-Type") != "application/json" {
				t.Errorf("%s %s: %d, Allow %q, %s, %+v, %v; want %d, Allow %q, a JSON error", c.method, c.path, resp.StatusCode,
					resp.Header.Get("Allow"), resp.Header.Get("Content-Type"), e, err, c.status, c.allow)
			}
		}
	})
}

// TestLoopbackIsThisMachineAlone checks the one rule for what is this
// machine's alone, which both the server's links and serve's need of a
// --base-url follow: a host alone or with its port.
func TestLoopbackIsThisMachineAlone(t *testing.T) {
	for host, want := range map[string]bool{
		"localhost": true, "localhost:8080": true, "127.0.0.1": true, "127.0.0.2:80": true, "[::1]:8080": true,
		"[::1]": true, "::1": true,
		"": false, ":8080": false, "0.0.0.0:8080": false, "[::]:8080": false, "192.168.1.5:8080": false,
		"localhost.example.org:80": false, "evil.example:80": false,
	} {
		if got := rfhttp.Loopback(host); got != want {
			t.Errorf("Loopback(%q) = %v, want %v", host, got, want)
		}
	}
}
