#!/usr/bin/env bash
# Sets the version of Project51 everywhere the build reads it, in one step:
#   - every module's pom.xml (the parent's version and each module's reference to it);
#   - the version of the libraries the reference deployment builds on (examples/project51/pom.xml, project51.version),
#     which is also the archetype's default project51Version;
#   - the first lines of examples/project51/README.md, which name that version and the git tag to install it from
#     (v<version>; main for a -SNAPSHOT, which has no tag); the archetype generates them with its project51Version
#     and project51GitRef.
# Usage: .github/release/set-version.sh <new version>    e.g. 0.1.0 before tagging v0.1.0, then 0.2.0-SNAPSHOT
# See docs/releasing.md. Nothing is committed: review with git diff, then commit.
set -euo pipefail

if [[ $# -ne 1 || ! $1 =~ ^[0-9]+\.[0-9]+\.[0-9]+(-SNAPSHOT)?$ ]]; then
	echo "usage: $0 <major.minor.patch>[-SNAPSHOT], e.g. $0 0.1.0" >&2
	exit 2
fi
new=$1
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

# The parent's own version: the <version> right after <artifactId>project51-parent</artifactId>.
old=$(awk '/<artifactId>project51-parent<\/artifactId>/ { getline; gsub(/.*<version>|<\/version>.*/, ""); print; exit }' pom.xml)
if [[ -z $old ]]; then
	echo "error: cannot read the version of project51-parent from pom.xml" >&2
	exit 1
fi
if [[ $old == "$new" ]]; then
	echo "already $new"
	exit 0
fi

git_ref() { if [[ $1 == *-SNAPSHOT ]]; then echo main; else echo "v$1"; fi; }
escape() { printf '%s' "$1" | sed 's/[.[\*^$/]/\\&/g'; }

o=$(escape "$old")
n=$new
while IFS= read -r pom; do
	sed -i -e "s/<version>$o<\/version>/<version>$n<\/version>/g" \
		-e "s/<project51\.version>$o<\/project51\.version>/<project51.version>$n<\/project51.version>/g" "$pom"
done < <(find . -name pom.xml -not -path '*/target/*' -not -path '*/node_modules/*' -not -path './.git/*')

readme=examples/project51/README.md
sed -i -e "s/\(Project51 \|project51-\)$o/\1$n/g" \
	-e "s/--branch $(escape "$(git_ref "$old")") https/--branch $(git_ref "$new") https/" "$readme"

echo "Project51 $old -> $new"
