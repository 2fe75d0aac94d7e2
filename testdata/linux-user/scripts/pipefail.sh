# shells: bash
# pipefail: the status of the last failing stage.
set -o pipefail
false | true; echo "pipefail: $?"
(exit 3) | (exit 0) | cat; echo "pipefail: $?"
true | true; echo "pipefail: $?"
set +o pipefail
false | true; echo "no pipefail: $?"
yes | head -1 >/dev/null; echo "yes|head: ${PIPESTATUS[*]}"
