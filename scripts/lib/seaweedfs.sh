#!/usr/bin/env bash
# Sourced, not run: running it only defines functions.
# A private SeaweedFS (`weed mini`: master, volume, filer and S3 gateway in one process) for
# tests and the demo. Sourced; defines seaweedfs_start DIR and seaweedfs_stop. Callers install
# a trap that calls seaweedfs_stop, so the server never outlives them.
#
# Everything listens on 127.0.0.1 only, on ports the kernel hands out, so parallel runs do not
# collide; S3 requires SigV4 with a key pair made for this run.

# shellcheck source=scripts/lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

SEAWEEDFS_PID=""
SEAWEEDFS_DIR=""
SEAWEEDFS_GRPC_PORTS=()

# How long `weed mini` may take to answer S3. On 2 cores it answers in 1.0-1.6 s.
SEAWEEDFS_READY_TIMEOUT_S=60
# How long it may take to stop on SIGTERM before SIGKILL. A clean stop takes about 1.2 s. Right
# after a parallel upload (the demo's `aws s3 cp --recursive`) it often never ends: the volume
# server's graceful stop waits for a connection weed itself opened and never used (most likely Go's
# HTTP client dials while it waits for a pooled connection, then pools the unused one), and that
# connection never sends a request (goroutine dump, 6 December 2026: the volume's conn.serve in
# readRequest, its peer the same weed process). The data is disposable, so waiting longer buys
# nothing.
SEAWEEDFS_STOP_TIMEOUT_S=4

seaweedfs_random_hex() { # BYTES
    head -c "$1" /dev/urandom | od -An -tx1 | tr -d ' \n'
}

# Writes the identity file `-s3.config` reads and exports the key pair. Defining any identity is
# what makes SeaweedFS check signatures. The access key starts with S3PLAY, never AKIA, so it is
# never mistaken for (or flagged as) a real AWS key.
seaweedfs_write_identity() { # FILE
    local access_key secret_key
    access_key="S3PLAY$(seaweedfs_random_hex 7 | tr 'a-f' 'A-F')"
    secret_key="$(head -c 48 /dev/urandom | base64 -w0 | tr -dc 'A-Za-z0-9' | cut -c1-40)"
    (
        umask 077
        cat >"$1" <<EOF
{
  "identities": [
    {
      "name": "s3play-admin",
      "credentials": [{"accessKey": "$access_key", "secretKey": "$secret_key"}],
      "actions": ["Admin", "Read", "List", "Tagging", "Write"]
    }
  ]
}
EOF
    )
    export AWS_ACCESS_KEY_ID="$access_key"
    export AWS_SECRET_ACCESS_KEY="$secret_key"
}

# GET / on the S3 port with curl's own SigV4 signer; prints the response body. The credentials go
# through a config on stdin, never argv, so `ps` does not show the secret.
seaweedfs_signed_list() { # ENDPOINT SECRET
    curl --silent --max-time 5 --noproxy '*' --config - \
        --aws-sigv4 "aws:amz:us-east-1:s3" "$1/" <<<"user = \"$AWS_ACCESS_KEY_ID:$2\"" || true
}

# Starts `weed mini` on fresh loopback ports. Returns 0 once it runs, 1 if it died at once, which
# is almost always a port someone else took after free_port released it.
seaweedfs_launch() { # DIR
    local dir="$1" ports admin
    mapfile -t ports < <(free_port 8)
    mapfile -t admin < <(free_port_pair 10000 "${ports[@]}")
    (( ${#ports[@]} == 8 && ${#admin[@]} == 2 )) || die "could not find free loopback ports"
    SEAWEEDFS_S3_PORT="${ports[6]}"
    SEAWEEDFS_GRPC_PORTS=("${ports[1]}" "${ports[3]}" "${ports[5]}" "${ports[7]}" "${admin[1]}")

    # weed mini saves its flags in DIR/data/mini.options and reloads them on the next start, which
    # would bring back ports from an earlier run for any flag not given here.
    rm -f "$dir/data/mini.options"
    local flags=(
        -ip=127.0.0.1 -ip.bind=127.0.0.1
        -master.telemetry=false
        -dir="$dir/data"
        -s3.config="$dir/s3-identity.json"
        -master.port="${ports[0]}" -master.port.grpc="${ports[1]}"
        -volume.port="${ports[2]}" -volume.port.grpc="${ports[3]}"
        -filer.port="${ports[4]}" -filer.port.grpc="${ports[5]}"
        -s3.port="${ports[6]}" -s3.port.grpc="${ports[7]}"
        # The built-in maintenance worker dials the admin gRPC port as admin.port + 10000 whatever
        # -admin.port.grpc says (4.48), so the pair must be exactly 10000 apart.
        -admin.port="${admin[0]}" -admin.port.grpc="${admin[1]}"
        # Not used by s3play; 0 or false keeps them from listening at all.
        -s3.port.iceberg=0 -s3.port.lance=0 -webdav=false
        # The default sockets go to /tmp/seaweedfs-{filer,s3}-PORT.sock and are left behind.
        -filer.localSocket="$dir/filer.sock" -s3.localSocket="$dir/s3.sock"
        # The default 1 s grace before the volume server stops only slows every test run's exit.
        -volume.preStopSeconds=0
        # Every bucket takes volumes of its own, and weed allows free disk / volume size of them:
        # with the default 1 GiB volumes a machine with 20 GB free runs out after 20 buckets, and
        # one test run makes more. The tests' objects are small.
        -master.volumeSizeLimitMB=64
    )
    # setsid: a Ctrl-C in the terminal reaches only the script, whose trap stops weed; weed does
    # not race the trap with its own shutdown.
    setsid weed mini "${flags[@]}" </dev/null >"$dir/weed.log" 2>&1 &
    SEAWEEDFS_PID=$!
    sleep 0.2
    kill -0 "$SEAWEEDFS_PID" 2>/dev/null
}

seaweedfs_fail() { # MESSAGE
    log "$1; last lines of $SEAWEEDFS_DIR/weed.log:"
    tail -n 25 "$SEAWEEDFS_DIR/weed.log" >&2 || true
    seaweedfs_stop
    return 1
}

# Waits until the S3 port answers a signed request, then checks that a wrong secret is refused,
# so no test can pass against a server that ignores signatures.
seaweedfs_wait_ready() { # ENDPOINT STARTED_NS
    local endpoint="$1" started_ns="$2" deadline=$((SECONDS + SEAWEEDFS_READY_TIMEOUT_S)) body
    while :; do
        if ! kill -0 "$SEAWEEDFS_PID" 2>/dev/null; then
            return 2
        fi
        body="$(seaweedfs_signed_list "$endpoint" "$AWS_SECRET_ACCESS_KEY")"
        [[ "$body" == *"<ListAllMyBucketsResult"* ]] && break
        if (( SECONDS >= deadline )); then
            seaweedfs_fail "SeaweedFS did not answer S3 at $endpoint within ${SEAWEEDFS_READY_TIMEOUT_S} s"
            return 1
        fi
        sleep 0.1
    done
    local ready_ms=$(( ($(date +%s%N) - started_ns) / 1000000 ))

    body="$(seaweedfs_signed_list "$endpoint" "wrong$AWS_SECRET_ACCESS_KEY")"
    if [[ "$body" != *"<Code>SignatureDoesNotMatch</Code>"* ]]; then
        seaweedfs_fail "SeaweedFS accepted a wrong secret: SigV4 is not enforced"
        return 1
    fi
    log "SeaweedFS S3 ready at $endpoint after $((ready_ms / 1000)).$(printf '%03d' $((ready_ms % 1000))) s (log: $SEAWEEDFS_DIR/weed.log)"
}

# Starts SeaweedFS with its data, identity, sockets and log under DIR, waits until S3 answers,
# and exports what a client needs: S3PLAY_TEST_S3_ENDPOINT, AWS_ENDPOINT_URL_S3,
# AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_REGION (and AWS_DEFAULT_REGION for awscli v1).
seaweedfs_start() { # DIR
    local dir="${1:?usage: seaweedfs_start DIR}"
    [[ -z "$SEAWEEDFS_PID" ]] || die "SeaweedFS already started here (pid $SEAWEEDFS_PID)"
    command -v weed >/dev/null 2>&1 || die "weed is not on PATH (ensure_dependencies installs it)"
    mkdir -p "$dir/data"
    SEAWEEDFS_DIR="$(cd "$dir" && pwd)"
    seaweedfs_write_identity "$SEAWEEDFS_DIR/s3-identity.json"

    # Loopback must never go through a proxy a developer's shell may set (curl, awscli, libcurl).
    export NO_PROXY="127.0.0.1,localhost${NO_PROXY:+,$NO_PROXY}"
    export no_proxy="127.0.0.1,localhost${no_proxy:+,$no_proxy}"

    local attempt rc started_ns endpoint
    for attempt in 1 2 3; do
        started_ns="$(date +%s%N)"
        if seaweedfs_launch "$SEAWEEDFS_DIR"; then
            endpoint="http://127.0.0.1:$SEAWEEDFS_S3_PORT"
            rc=0
            seaweedfs_wait_ready "$endpoint" "$started_ns" || rc=$?
            (( rc == 0 )) && break
            (( rc == 1 )) && return 1
        fi
        # weed exited during start-up: retry on new ports if one was taken, else give up.
        # weed checks its ports before binding ("is not available"); a bind can still lose the race.
        if grep -qE 'is not available|address already in use' "$SEAWEEDFS_DIR/weed.log" \
            && (( attempt < 3 )); then
            warn "a SeaweedFS port was taken meanwhile; retrying on other ports"
            seaweedfs_stop
            continue
        fi
        seaweedfs_fail "SeaweedFS exited during start-up"
        return 1
    done

    export S3PLAY_TEST_S3_ENDPOINT="$endpoint"
    export AWS_ENDPOINT_URL_S3="$endpoint"
    export AWS_REGION=us-east-1
    export AWS_DEFAULT_REGION=us-east-1
    # With credentials in the environment awscli needs nothing else; keep it (and any SDK) from
    # reading a developer's ~/.aws profile or probing the EC2 metadata address.
    # Empty files rather than missing ones, which some SDKs treat as an error.
    : >"$SEAWEEDFS_DIR/aws-config"
    : >"$SEAWEEDFS_DIR/aws-credentials"
    export AWS_CONFIG_FILE="$SEAWEEDFS_DIR/aws-config"
    export AWS_SHARED_CREDENTIALS_FILE="$SEAWEEDFS_DIR/aws-credentials"
    export AWS_EC2_METADATA_DISABLED=true
    unset AWS_PROFILE AWS_SESSION_TOKEN
}

# Stops the weed this shell started: SIGTERM, up to SEAWEEDFS_STOP_TIMEOUT_S for a clean exit,
# then SIGKILL. Safe to call twice and when nothing was started.
seaweedfs_stop() {
    local pid="$SEAWEEDFS_PID"
    [[ -n "$pid" ]] || return 0
    SEAWEEDFS_PID=""
    if kill -0 "$pid" 2>/dev/null; then
        kill -TERM "$pid" 2>/dev/null || true
        local tenths=0
        while kill -0 "$pid" 2>/dev/null && (( tenths < SEAWEEDFS_STOP_TIMEOUT_S * 10 )); do
            sleep 0.1
            tenths=$((tenths + 1))
        done
        if kill -0 "$pid" 2>/dev/null; then
            # Stuck in its own shutdown (above) is expected; not having begun it is worth a word.
            if ! grep -q "Shutting down" "$SEAWEEDFS_DIR/weed.log" 2>/dev/null; then
                warn "SeaweedFS (pid $pid) ignored SIGTERM for ${SEAWEEDFS_STOP_TIMEOUT_S} s; killing it"
            fi
            kill -KILL "$pid" 2>/dev/null || true
        fi
    fi
    wait "$pid" 2>/dev/null || true
    # weed puts one gRPC socket per server in /tmp, named by port, and removes them only on a
    # clean exit; remove ours if it did not get to.
    local port
    for port in "${SEAWEEDFS_GRPC_PORTS[@]}"; do
        rm -f /tmp/seaweedfs-*-grpc-"$port".sock
    done
    SEAWEEDFS_GRPC_PORTS=()
}
