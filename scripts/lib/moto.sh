#!/usr/bin/env bash
# Sourced, not run: running it only defines functions.
# A private moto_server (PyPI moto[server]) for the AWS sign-in tests: STS AssumeRole and S3 with
# moto's IAM auth checks on, so an unsigned or wrongly signed request is refused. Defines
# moto_start DIR and moto_stop; callers install a trap that calls moto_stop.
#
# INITIAL_NO_AUTH_ACTION_COUNT lets exactly the bootstrap requests below through unsigned: a user
# with an access key and a role the tests assume, both allowed everything. After them every
# request must be signed by a key moto issued. Exports:
#   S3PLAY_TEST_MOTO_ENDPOINT              http://127.0.0.1:PORT (STS and S3 alike)
#   S3PLAY_TEST_MOTO_ACCESS_KEY_ID, S3PLAY_TEST_MOTO_SECRET_ACCESS_KEY   the user's key pair
#   S3PLAY_TEST_MOTO_ROLE_ARN              the role the tests assume

# shellcheck source=scripts/lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

MOTO_PID=""
MOTO_READY_TIMEOUT_S=60
# create-user, create-access-key, put-user-policy, create-role, put-role-policy.
MOTO_BOOTSTRAP_REQUESTS=5

moto_aws() { # ARGS... — the AWS CLI against moto, never any other endpoint
    env -u AWS_SESSION_TOKEN -u AWS_PROFILE -u AWS_DEFAULT_PROFILE AWS_ACCESS_KEY_ID=bootstrap AWS_SECRET_ACCESS_KEY=bootstrap \
        AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null AWS_EC2_METADATA_DISABLED=true \
        AWS_DEFAULT_REGION=us-east-1 aws --endpoint-url "$S3PLAY_TEST_MOTO_ENDPOINT" --output text "$@"
}

moto_start() { # DIR
    local dir="$1" port deadline allow_all
    mkdir -p "$dir"
    port="$(free_port 1)"
    S3PLAY_TEST_MOTO_ENDPOINT="http://127.0.0.1:$port"
    export S3PLAY_TEST_MOTO_ENDPOINT
    INITIAL_NO_AUTH_ACTION_COUNT="$MOTO_BOOTSTRAP_REQUESTS" \
        setsid moto_server -H 127.0.0.1 -p "$port" </dev/null >"$dir/moto.log" 2>&1 &
    MOTO_PID=$!
    deadline=$((SECONDS + MOTO_READY_TIMEOUT_S))
    until curl --silent --noproxy '*' --max-time 2 -o /dev/null "$S3PLAY_TEST_MOTO_ENDPOINT/moto-api/"; do
        if ! kill -0 "$MOTO_PID" 2>/dev/null || (( SECONDS >= deadline )); then
            log "moto_server did not start; last lines of $dir/moto.log:"
            tail -n 20 "$dir/moto.log" >&2 || true
            moto_stop
            return 1
        fi
        sleep 0.2
    done
    allow_all='{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}'
    local keys
    moto_aws iam create-user --user-name s3play-test >/dev/null \
        && keys="$(moto_aws iam create-access-key --user-name s3play-test \
            --query 'AccessKey.[AccessKeyId,SecretAccessKey]')" \
        && moto_aws iam put-user-policy --user-name s3play-test --policy-name all --policy-document "$allow_all" \
        && S3PLAY_TEST_MOTO_ROLE_ARN="$(moto_aws iam create-role --role-name s3play-player --query Role.Arn \
            --assume-role-policy-document '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"sts:AssumeRole"}]}')" \
        && moto_aws iam put-role-policy --role-name s3play-player --policy-name all --policy-document "$allow_all" \
        || { log "could not set up moto's IAM user and role"; moto_stop; return 1; }
    read -r S3PLAY_TEST_MOTO_ACCESS_KEY_ID S3PLAY_TEST_MOTO_SECRET_ACCESS_KEY <<<"$keys"
    export S3PLAY_TEST_MOTO_ACCESS_KEY_ID S3PLAY_TEST_MOTO_SECRET_ACCESS_KEY S3PLAY_TEST_MOTO_ROLE_ARN
}

moto_stop() {
    [[ -n "$MOTO_PID" ]] || return 0
    kill "$MOTO_PID" 2>/dev/null || true
    local waited=0
    while kill -0 "$MOTO_PID" 2>/dev/null && (( waited < 50 )); do sleep 0.1; waited=$((waited + 1)); done
    kill -9 "$MOTO_PID" 2>/dev/null || true
    wait "$MOTO_PID" 2>/dev/null || true
    MOTO_PID=""
}
