#!/usr/bin/env bash
# A whole case through the HTTP API, as the demo users (README, "Demo users"; password Demo123!):
# a restaurant-opening (开办餐饮店"一件事") case is submitted and accepted at the market window, reviewed by
# market, fire, urban and water in parallel — fire first returns it for correction (一次性告知), the window
# issues the merged notice and records the applicant's corrections — then approved, completed, delivered,
# and finally looked up by the applicant with the case number and query password.
#
#   bash docs/examples/case-walkthrough.sh            # against http://localhost:5080
#   BASE=http://localhost:5099 bash docs/examples/case-walkthrough.sh
#
# Needs curl and jq. Runs against a fresh server or one that already holds cases (it only touches its own).
set -euo pipefail

BASE=${BASE:-http://localhost:5080}
PASSWORD=${DEMO_PASSWORD:-Demo123!}
RUN="walkthrough-$(date +%s)-$$"   # prefix of this run's idempotency keys

for tool in curl jq; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "This script needs $tool: install it (Debian/Ubuntu: sudo apt-get install -y $tool; macOS: brew install $tool)." >&2
    exit 1
  fi
done

step=0
heading() { step=$((step + 1)); printf '\n== %d. %s\n' "$step" "$*"; }
show() { printf '   $ %s\n' "$*"; }

# call EXPECTED_STATUS METHOD PATH TOKEN [JSON_BODY] — prints the request, fails loudly on another status,
# leaves the response body in $BODY.
call() {
  local expected=$1 method=$2 path=$3 token=$4 body=${5:-}
  local args=(-sS -X "$method" -w '\n%{http_code}' "$BASE$path")
  [[ -n $token ]] && args+=(-H "Authorization: Bearer $token")
  [[ -n $body ]] && args+=(-H 'Content-Type: application/json' --data "$body")
  local shown=$body
  [[ $path == /api/auth/token || $path == /api/public/case-progress ]] && shown=$(jq -c '.password = "***"' <<<"$body")
  show "$method $path${shown:+ $(jq -c . <<<"$shown")}"
  local response
  if ! response=$(curl "${args[@]}"); then
    echo "   !! cannot reach $BASE — is the server running? (dotnet run --project src/OneStop.Workflows.Server)" >&2
    exit 1
  fi
  local status=${response##*$'\n'}
  BODY=${response%$'\n'*}
  if [[ $status != "$expected" ]]; then
    printf '   !! expected HTTP %s, got %s:\n%s\n' "$expected" "$status" "$BODY" >&2
    exit 1
  fi
  printf '   -> HTTP %s\n' "$status"
}

# out JQ_FILTER — prints part of the last response body, indented.
out() { jq "$@" <<<"$BODY" | sed 's/^/      /'; }

# task_of TOKEN KIND — sets TASK to this case's open task of KIND in the user's inbox (department scope).
task_of() {
  call 200 GET "/api/tasks?scope=department&pageSize=200" "$1"
  TASK=$(jq -r --arg c "$CASE_ID" --arg k "$2" '[.items[] | select(.caseId == $c and .kind == $k and .status == "Open")][0].id // empty' <<<"$BODY")
  if [[ -z $TASK ]]; then
    echo "   !! no open $2 task for case $CASE_ID in this inbox" >&2
    exit 1
  fi
}

claim_and_decide() { # TOKEN TASK_ID DECISION_JSON
  call 200 POST "/api/tasks/$2/claim" "$1"
  out -c '{kind, department, status, assignee}'
  call 200 POST "/api/tasks/$2/decision" "$1" "$3"
  out -c '{kind, department, status, outcome, opinion, decidedBy}'
}

heading "Server health"
call 200 GET /health ""
out -c .

heading "Sign in as the demo users (POST /api/auth/token)"
declare -A TOKEN
for user in clerk.market reviewer.market reviewer.fire reviewer.urban reviewer.water supervisor; do
  call 200 POST /api/auth/token "" "$(jq -nc --arg u "$user" --arg p "$PASSWORD" '{userName: $u, password: $p}')"
  TOKEN[$user]=$(jq -r .accessToken <<<"$BODY")
done

heading "clerk.market submits a restaurant-opening case (POST /api/cases)"
call 201 POST /api/cases "${TOKEN[clerk.market]}" "$(jq -nc '{
  serviceItem: "restaurant-opening",
  applicant: {name: "李四 Li Si", idNumber: "11010519491231002X", phone: "13800138000"},
  form: {restaurantName: "老街面馆 Old Street Noodles", address: "12 Old Street", seats: 40},
  materials: [
    {name: "Joint application form for opening a restaurant 开办餐饮店联合申请表"},
    {name: "Business licence 营业执照"},
    {name: "Fire safety commitment 消防安全检查告知承诺书"},
    {name: "Drainage connection plan 排水接驳方案", provided: false, note: "Deferred on a signed promise 容缺"}
  ],
  deliveryMethod: "Pickup"}')"
out .
CASE_ID=$(jq -r .id <<<"$BODY")
NUMBER=$(jq -r .number <<<"$BODY")
QUERY_PASSWORD=$(jq -r .queryPassword <<<"$BODY")
echo "      (the query password is shown only now: give it to the applicant with the receipt)"

heading "The market window's inbox (GET /api/tasks?scope=department)"
task_of "${TOKEN[clerk.market]}" Acceptance
out -c --arg c "$CASE_ID" '.items[] | select(.caseId == $c) | {id, kind, department, status, allowedOutcomes}'
ACCEPTANCE=$TASK

heading "clerk.market claims the acceptance task and accepts (受理)"
claim_and_decide "${TOKEN[clerk.market]}" "$ACCEPTANCE" "$(jq -nc --arg k "$RUN-accept" \
  '{outcome: "Accepted", opinion: "Materials complete; drainage plan deferred on promise 材料齐全，排水方案容缺", idempotencyKey: $k}')"

heading "market reviews: claim and approve"
task_of "${TOKEN[reviewer.market]}" Review
claim_and_decide "${TOKEN[reviewer.market]}" "$TASK" "$(jq -nc --arg k "$RUN-market" \
  '{outcome: "Approved", opinion: "Food business conditions met 符合食品经营条件", idempotencyKey: $k}')"

heading "fire returns its review for correction, listing the material (一次性告知)"
task_of "${TOKEN[reviewer.fire]}" Review
claim_and_decide "${TOKEN[reviewer.fire]}" "$TASK" "$(jq -nc --arg k "$RUN-fire-return" '{
  outcome: "ReturnedForCorrection",
  opinion: "The fire safety commitment is unsigned 承诺书未签字",
  corrections: [{material: "Fire safety commitment 消防安全检查告知承诺书", problem: "Not signed by the legal representative 法定代表人未签字"}],
  idempotencyKey: $k}')"

heading "clerk.market issues the merged correction notice (CorrectionNotice task → Issued)"
task_of "${TOKEN[clerk.market]}" CorrectionNotice
claim_and_decide "${TOKEN[clerk.market]}" "$TASK" "$(jq -nc --arg k "$RUN-notice" '{outcome: "Issued", idempotencyKey: $k}')"

heading "While the applicant corrects, the other reviews are paused (urban's inbox)"
call 200 GET "/api/tasks?scope=department&pageSize=200" "${TOKEN[reviewer.urban]}"
out -c --arg c "$CASE_ID" '.items[] | select(.caseId == $c) | {kind, department, status}'

heading "The applicant brings the signed commitment; clerk.market records the corrections"
call 200 POST "/api/cases/$CASE_ID/corrections" "${TOKEN[clerk.market]}" "$(jq -nc --arg k "$RUN-corrections" \
  '{materials: [{name: "Fire safety commitment 消防安全检查告知承诺书", note: "Signed 已签字"}], idempotencyKey: $k}')"
out '{status, correctionsReceivedDate, openTasks: [.openTasks[] | {kind, department, status}]}'

for dept in fire urban water; do
  heading "$dept reviews: claim and approve"
  task_of "${TOKEN[reviewer.$dept]}" Review
  claim_and_decide "${TOKEN[reviewer.$dept]}" "$TASK" "$(jq -nc --arg k "$RUN-$dept" --arg d "$dept" \
    '{outcome: "Approved", opinion: ($d + ": no objection 无异议"), idempotencyKey: $k}')"
done

heading "The case as the supervisor sees it (GET /api/cases/{id}; this read is audited)"
call 200 GET "/api/cases/$CASE_ID" "${TOKEN[supervisor]}"
out '{number, status, decision, resultDocument, receiptDate, acceptanceDate, decisionDate, owner, deliveryMethod, deliveryStatus,
      tasks: [.tasks[] | "\(.kind) \(.department) \(.status) \(.outcome // "") \(.decidedBy // "")"],
      timeline: [.timeline[] | "\(.action) by \(.actor)"]}'

heading "clerk.market records the delivery (送达): ReadyForPickup, then Delivered"
call 200 POST "/api/cases/$CASE_ID/delivery" "${TOKEN[clerk.market]}" '{"status":"ReadyForPickup"}'
out -c .
call 200 POST "/api/cases/$CASE_ID/delivery" "${TOKEN[clerk.market]}" '{"status":"Delivered"}'
out -c .

heading "The applicant's progress query (no sign-in; case number + query password)"
call 200 POST "/api/public/case-progress" "" "$(jq -nc --arg n "$NUMBER" --arg p "$QUERY_PASSWORD" '{number: $n, password: $p}')"
out .

STATUS=$(jq -r .status <<<"$BODY")
DECISION=$(jq -r .decision <<<"$BODY")
DELIVERY=$(jq -r .deliveryStatus <<<"$BODY")
printf '\nCase %s: %s, decision %s, delivery %s.\n' "$NUMBER" "$STATUS" "$DECISION" "$DELIVERY"
if [[ $STATUS != Completed || $DELIVERY != Delivered ]]; then
  echo "Expected Completed / Delivered." >&2
  exit 1
fi
