#!/usr/bin/env bash
# Opens 赣招 under Xvfb on a fresh demo database and saves a PNG of each main screen to docs/.
# Used by `make screenshots`; needs xvfb, imagemagick (import) and xdotool.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=./ganzhao
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
display=:${SCREENSHOT_DISPLAY:-93}
Xvfb "$display" -screen 0 1280x800x24 >/dev/null 2>&1 &
sleep 1
"$bin" --db "$work/demo.db" demo --size 20000 --seed 1 >/dev/null
# Backups for the 设置's list: a manual one and an encrypted one (the day's is taken on start).
"$bin" --db "$work/demo.db" backup >/dev/null
GANZHAO_PASSPHRASE=screenshot-passphrase "$bin" --db "$work/demo.db" backup --encrypt >/dev/null
# launch opens the window on SCREEN and waits for it to draw; capture saves it to docs/FILE
# (with import's further arguments, a crop say) and closes it.
launch() {
	DISPLAY=$display LANGUAGE=zh_CN "$bin" --db "$work/demo.db" --screen "$1" >/dev/null 2>&1 &
	pid=$!
	sleep 6
}
capture() {
	local file=$1
	shift
	DISPLAY=$display import -window root "$@" "docs/$file"
	kill "$pid"; wait "$pid" 2>/dev/null || true
	echo "docs/$file"
}
shoot() { # shoot SCREEN FILE [KEYS [TEXT]]
	launch "$1"
	if [ "${3:-}" = open ]; then
		# Open the first row's page: a click gives the window the focus, a double click opens it.
		DISPLAY=$display xdotool mousemove 440 200 sleep 1 click 1 sleep 1 click --repeat 2 --delay 80 1 || true
		sleep 6
	elif [ -n "${3:-}" ]; then
		# No window manager runs under Xvfb: a click gives the window the keyboard focus.
		DISPLAY=$display xdotool mousemove 700 18 click 1 sleep 0.5 key "$3" || true
		sleep 2
		[ -n "${4:-}" ] && DISPLAY=$display xdotool type --delay 150 "$4"
		sleep 3
	fi
	capture "$2"
}
while IFS='|' read -r screen file keys text; do
	[ -n "$screen" ] && shoot "$screen" "$file" "$keys" "$text"
done <<'LIST'
工作台|screenshot-home.png|
项目|screenshot-projects.png|
项目看板|screenshot-board.png|
目标企业|screenshot-enterprises.png|
赣籍企业家与人脉|screenshot-people.png|
重点三友名录|screenshot-roster.png|
商会|screenshot-chambers.png|
基金|screenshot-funds.png|
跟进记录|screenshot-activities.png|
任务|screenshot-tasks.png|
三请三回活动|screenshot-event.png|open
出差|screenshot-trips.png|
联络活动|screenshot-campaigns.png|
报表|screenshot-returns.png|
查重与合并|screenshot-merge.png|
回收站|screenshot-recycle.png|
设置|screenshot-settings.png|
工作台|screenshot-search.png|ctrl+k|ncjkq
工作台|screenshot-quick-entry.png|ctrl+n
LIST

# A fund's 返投台账: on the 基金 list (sorted by name) double-click the ninth fund of the seed-1
# demo, a sub-fund with a co-GP, LPs and investments that count and that do not; its page
# opens at the top left (960×760, no window manager) and the 返投台账 tab is clicked.
shoot_fund_ledger() {
	launch 基金
	DISPLAY=$display xdotool mousemove 360 462 click --repeat 2 --delay 80 1
	sleep 4
	DISPLAY=$display xdotool mousemove 116 23 click 1
	sleep 3
	capture screenshot-fund-reinvest.png -crop 960x760+0+0 +repage
}
shoot_fund_ledger

# The side-by-side merge: on 查重与合并 click 合并… of the first pair; its window (1000×720,
# no window manager) opens at the top left.
shoot_merge_pair() {
	launch 查重与合并
	DISPLAY=$display xdotool mousemove 1246 134 click 1
	sleep 4
	capture screenshot-merge-pair.png -crop 1000x720+0+0 +repage
}
shoot_merge_pair

# The import screen with a preview: the messy ledger fixture is read (title rows, a two-level
# header, a blank and a totals row) and previewed, with its problems listed under the rows.
shoot_import_preview() {
	launch 导入
	DISPLAY=$display xdotool mousemove 690 23 click 1 sleep 0.5 type --delay 20 "$PWD/importers/testdata/projects_messy.xlsx"
	DISPLAY=$display xdotool mousemove 1254 23 click 1
	sleep 4
	DISPLAY=$display xdotool mousemove 1157 738 click 1
	sleep 5
	capture screenshot-import.png
}
shoot_import_preview
