# Shared by scripts/test and scripts/bench: installing what a fresh Debian
# machine lacks and running a throwaway PostgreSQL on loopback.

say() { printf '\n== %s\n' "$*"; }
have() { command -v "$1" >/dev/null 2>&1; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# apt_install installs Debian packages, retrying once: large first installs
# have been seen to fail halfway and work the second time.
apt_install() {
	say "installing $*"
	as_root apt-get update -qq
	as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" ||
		as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@"
}

ensure_go() {
	[ -x /usr/local/go/bin/go ] && export PATH="/usr/local/go/bin:$PATH"
	if ! have go; then
		# Debian's Go is older than go.mod asks for; it fetches the right
		# toolchain through the module proxy.
		apt_install golang-go ca-certificates
		export GOTOOLCHAIN=auto
	fi
}

# ensure_chromium installs Debian's Chromium for the browser tests and makes
# its absence a failure rather than a skip.
ensure_chromium() {
	have chromium || apt_install chromium
	export RANKFILE_TEST_REQUIRE_BROWSER=1
}

# ensure_calendars installs two calendar programs, calcurse and khal, that
# the tests hand rankfile's iCalendar feeds to, and makes their absence a
# failure rather than a skip.
ensure_calendars() {
	have calcurse && have khal || apt_install calcurse khal
	export RANKFILE_TEST_REQUIRE_CALENDARS=1
}

# ensure_haproxy installs HAProxy, the load balancer the tests put in
# front of several servers on one PostgreSQL, and makes its absence a
# failure rather than a skip.
ensure_haproxy() {
	have haproxy || apt_install haproxy
	export RANKFILE_TEST_REQUIRE_HAPROXY=1
}

# ensure_pdf_tools installs poppler's pdftotext, with which the tests read
# back the PDFs rankfile writes, and makes its absence a failure.
ensure_pdf_tools() {
	have pdftotext || apt_install poppler-utils
	export RANKFILE_TEST_REQUIRE_PDFTOTEXT=1
}

pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }

ensure_postgres() {
	[ -n "$(pg_bin)" ] && have pg_dump || apt_install postgresql postgresql-client
	PGBIN=$(pg_bin)
}

free_port() {
	for port in $(seq 55432 55632); do
		(echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return; }
	done
	echo "no free port for PostgreSQL" >&2
	exit 1
}

# start_postgres starts a server that trusts loopback, in a temporary folder,
# and sets RANKFILE_TEST_POSTGRES to it. With "fast", it does not wait for
# the disk (fsync off): right for tests, wrong for benchmarks.
start_postgres() {
	local extra=""
	[ "${1:-}" = fast ] && extra="-c fsync=off"
	PGDATA=$(mktemp -d /tmp/rankfile-pg.XXXXXX)
	PGPORT=$(free_port)
	local run=()
	if [ "$(id -u)" = 0 ]; then
		chown postgres "$PGDATA"
		run=(su postgres -s /bin/sh -c)
	else
		run=(sh -c)
	fi
	"${run[@]}" "$PGBIN/initdb -D $PGDATA -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null"
	"${run[@]}" "$PGBIN/pg_ctl -D $PGDATA -l $PGDATA/log -w -o '-c listen_addresses=127.0.0.1 -p $PGPORT -k $PGDATA $extra' start >/dev/null"
	trap 'stop_postgres' EXIT
	export RANKFILE_TEST_POSTGRES="postgres://postgres@127.0.0.1:$PGPORT/postgres?sslmode=disable"
	export RANKFILE_TEST_REQUIRE_POSTGRES=1
	say "PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PGPORT"
}

stop_postgres() {
	if [ "$(id -u)" = 0 ]; then
		su postgres -s /bin/sh -c "$PGBIN/pg_ctl -D $PGDATA -m immediate stop >/dev/null" || true
	else
		"$PGBIN/pg_ctl" -D "$PGDATA" -m immediate stop >/dev/null || true
	fi
	rm -rf "$PGDATA"
}

