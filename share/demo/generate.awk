# generate.awk: the demo station's records, for generate.sh (which see).
# Random numbers come from our own generator and a fixed seed, so that
# every awk makes the same files.
function rnd() {
	# Park-Miller: the products stay below 2^53, exact in any awk.
	seed = (seed * 16807) % 2147483647
	return seed / 2147483647
}
function rint(n) { return int(rnd() * n) }
function pois(l,    L, k, p) {
	L = exp(-l); k = 0; p = 1
	do { k++; p *= rnd() } while (p > L)
	return k - 1
}
# pick(list): one item of "a:3 b:1 ...", by weight.
function pick(list,    n, i, it, w, tot, r, a) {
	n = split(list, it, " ")
	tot = 0
	for (i = 1; i <= n; i++) { split(it[i], a, ":"); w[i] = a[2] + 0; tot += w[i] }
	r = rnd() * tot
	for (i = 1; i <= n; i++) { r -= w[i]; if (r < 0) break }
	if (i > n) i = n
	split(it[i], a, ":")
	return a[1]
}
function mdays(y, m) {
	if (m == 2) return (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) ? 29 : 28
	return (m == 4 || m == 6 || m == 9 || m == 11) ? 30 : 31
}
function two(n) { return sprintf("%02d", n) }
function day(y, m, d) { return sprintf("%04d-%02d-%02d", y, m, d) }
# A day some days after y-m-d (up to a few months), as "YYYY-MM-DD".
function later(y, m, d, n) {
	d += n
	while (d > mdays(y, m)) { d -= mdays(y, m); m++; if (m > 12) { m = 1; y++ } }
	return day(y, m, d)
}
function q(s) { gsub(/\047/, "", s); return "\047" s "\047" }

function read_roster(    f, line, a) {
	f = here "/villages.csv"
	getline line < f
	while ((getline line < f) > 0) { split(line, a, ","); village[++nv] = a[1] }
	close(f)
	f = here "/officers.csv"
	getline line < f
	while ((getline line < f) > 0) {
		split(line, a, ",")
		if (a[3] == "officer") officer[++nof] = a[2]
	}
	close(f)
	f = here "/routes.csv"
	getline line < f
	while ((getline line < f) > 0) {
		split(line, a, ",")
		if (!(a[1] in ncp)) { route[++nr] = a[1]; ncp[a[1]] = 0 }
		cp[a[1], ++ncp[a[1]]] = a[3]
	}
	close(f)
	# Villages weighted: a few busy ones make the hot spots.
	vw = ""
	for (i = 1; i <= nv; i++) vw = vw " " i ":" (i <= 3 ? 4 : i <= 6 ? 2 : 1)
}

# ---- incidents ------------------------------------------------------
function summary(cat) {
	if (cat == "dispute") return pick("邻里因排水沟发生争吵:1 家庭成员争执:1 土地边界纠纷:1 拖欠工钱讨要:1 买卖纠纷:1")
	if (cat == "public_order") return pick("酒后滋事:1 深夜噪音扰民:1 殴打他人:1 聚众赌博举报:1")
	if (cat == "criminal") return pick("电动车被盗:2 入室盗窃:1 电信诈骗:2 农用物资被盗:1")
	if (cat == "traffic") return pick("两车刮擦:2 摩托车侧翻:1 车辆堵路:1")
	if (cat == "fire") return pick("秸秆焚烧:2 电线起火:1")
	if (cat == "help") return pick("老人走失:1 儿童走失:1 求助开锁:1 家畜走失:1")
	if (cat == "tip") return pick("可疑人员出没:1 无证经营:1")
	return "其他警情"
}
# inc(y, m, d, hh, mm, no, cat, valid, v, sum, officer, related, reason)
function inc_line(y, m, d, hh, mm, no, cat, valid, v, sum, off, rel, why, cn,    t) {
	if (cn) {
		t = y "/" m "/" d " " hh ":" two(mm)
		return no "," t "," label[cat] "," (valid ? "是" : "否") "," v "," (v == "" ? "" : v "二组") "," sum "," off "," rel "," why
	}
	t = day(y, m, d) " " two(hh) ":" two(mm) ":00"
	return no "," t "," cat "," valid "," v "," (v == "" ? "" : v "二组") "," sum "," off "," rel "," why
}
function incidents(    y, m, d, n, i, k, f, cn, hh, mm, cat, v, no, seq, lam, s, last, rm, rh) {
	split("criminal:刑事 public_order:治安 dispute:纠纷 traffic:交通 fire:火灾 help:求助 tip:举报 other:其他", a, " ")
	for (i in a) { split(a[i], b, ":"); label[b[1]] = b[2] }
	for (y = 2023; y <= 2024; y++) for (m = 1; m <= 12; m++) {
		f = out "/incidents/110-" y "-" two(m) ".csv"
		cn = (y == 2024)
		print (cn ? "警情编号,接警时间,警情类别,是否有效,所属村社,发生地点,简要案情,处警民警,关联警情,无效原因" : \
		    "dispatch_no,received_at,category,valid,village,address,summary,officer,related,invalid_reason") > f
		lam = (y == 2023 ? 31 : 21) * 12 / 365
		for (d = 1; d <= mdays(y, m); d++) {
			last = (y == 2024 && m == 12 && d == 31)
			if (last) {
				f2 = out "/drop/110-2024-12-31.utf8"
				print "警情编号,接警时间,警情类别,是否有效,所属村社,发生地点,简要案情,处警民警,关联警情,无效原因" > f2
				n = 2
			} else
				n = pois(lam)
			seq = 0
			for (i = 0; i < n; i++) {
				hh = pick("0:1 1:1 2:1 3:1 4:1 5:1 6:1 7:2 8:3 9:3 10:3 11:3 12:3 13:2 14:3 15:3 16:3 17:3 18:4 19:5 20:6 21:6 22:4 23:2")
				mm = rint(60)
				cat = pick("dispute:30 public_order:20 help:15 traffic:12 criminal:10 tip:5 fire:3 other:5")
				v = village[pick(vw)]
				no = "J" y two(m) two(d) sprintf("%03d", ++seq)
				s = inc_line(y, m, d, hh, mm, no, cat, 1, v, summary(cat), officer[1 + rint(nof)], "", "", cn || last)
				print s > (last ? f2 : f)
				# A repeat call now and then, 5 to 50 minutes later.
				if (rnd() < 0.08 && hh < 23) {
					rm = mm + 5 + rint(45); rh = hh
					if (rm >= 60) { rm -= 60; rh++ }
					s = inc_line(y, m, d, rh, rm, "J" y two(m) two(d) sprintf("%03d", ++seq), cat, 0, v, \
					    "再次报警：" summary(cat), "", (rnd() < 0.5 ? no : ""), "重复报警", cn || last)
					print s > (last ? f2 : f)
				}
			}
			# Misdials and false alarms.
			k = last ? 1 : pois(0.3)
			for (i = 0; i < k; i++) {
				no = "J" y two(m) two(d) sprintf("%03d", ++seq)
				s = inc_line(y, m, d, rint(24), rint(60), no, "other", 0, "", "无效报警", "", "", \
				    pick("误拨:3 恶作剧:1 无声电话:2"), cn || last)
				print s > (last ? f2 : f)
			}
		}
		close(f)
	}
	close(f2)
}

# ---- patrols --------------------------------------------------------
function patrols(    f, y, m, d, t, r, k, list, start, end, last, skip) {
	f = out "/patrols.csv"
	print "team,route,start,end,checkpoints,stopped,mediated,checked,publicity,note" > f
	split("一队 二队 三队", team, " ")
	split("08:00-12:00 14:00-18:00 20:00-02:00", shift, " ")
	for (y = 2023; y <= 2024; y++) for (m = 1; m <= 12; m++) for (d = 1; d <= mdays(y, m); d++) {
		last = (y == 2024 && m == 12 && d == 31)
		for (t = 1; t <= 3; t++) {
			if (!last && rnd() < 0.04)
				continue		# a day off now and then
			r = route[t]
			list = ""
			for (k = 1; k <= ncp[r]; k++) {
				skip = last ? (t == 2 && k == 3) : rnd() < 0.06
				if (!skip) list = list (list == "" ? "" : ";") cp[r, k]
			}
			split(shift[t], se, "-")
			start = day(y, m, d) " " se[1]
			end = (t == 3 ? later(y, m, d, 1) : day(y, m, d)) " " se[2]
			printf "%s,%s,%s,%s,%s,%d,%d,%d,%d,\n", team[t], r, start, end, list, \
			    pois(0.15), pois(0.1), pois(0.6), pois(0.3) > f
		}
	}
	close(f)
}

# ---- cameras ----------------------------------------------------------
function cameras(    f, i, kind, st, seen) {
	f = out "/cameras.csv"
	print "code,kind,place,village,status,seen_at" > f
	for (i = 1; i <= 50; i++) {
		kind = i <= 20 ? "skynet" : i <= 40 ? "sharpeyes" : "social"
		if (i % 17 == 5) { st = "offline"; seen = "2024-12-2" (i % 9) " 1" (i % 10) ":00:00" }
		else if (i % 23 == 7) { st = "online"; seen = "2024-12-28 09:00:00" }	# reported, then silent
		else { st = "online"; seen = "2024-12-31 23:" two(i) ":00" }
		printf "SF-%s-%03d,%s,%s路口%d号,%s,%s,%s\n", (kind == "skynet" ? "TW" : kind == "sharpeyes" ? "XL" : "SH"), \
		    i, kind, village[1 + (i - 1) % nv], i, village[1 + (i - 1) % nv], st, seen > f
	}
	close(f)
}

# ---- premises and inspections -----------------------------------------
function places(    i, n, it, a, name, y, m, ld, l, list, dd, per) {
	n = split("school::示范镇中心小学 school::示范镇中学 school::红星村小学 school::南山村小学 school::示范镇幼儿园 " \
	    "financial::信用社示范分社 financial::农行示范网点 financial::邮储示范网点 financial::东风社区自助银行 " \
	    "logistics::金沙物流园 logistics::顺达快递点 logistics::东风快递驿站 logistics::青山快递点 " \
	    "scrap::西坝废品收购站 scrap::石桥废品站 scrap::北岭回收点 " \
	    "fuel::金沙加油站 fuel::示范加油站 fuel::柳河加气站 " \
	    "enterprise::示范水泥厂 enterprise::青山食品厂 enterprise::柳河纸业 " \
	    "small:shop:红星便民超市 small:shop:青山小卖部 small:shop:白云副食店 small:shop:杏花日杂店 " \
	    "small:restaurant:柳河饭店 small:restaurant:桃园农家乐 small:restaurant:东风面馆 small:restaurant:金沙烧烤 " \
	    "small:hotel:示范宾馆 small:hotel:南山客栈 small:hotel:火车站旅社 " \
	    "small:entertainment:金沙KTV small:entertainment:东风歌舞厅 " \
	    "small:internet_cafe:极速网吧 small:internet_cafe:青山网吧 " \
	    "small:beauty:丽人美容院 small:beauty:东风浴室 small:beauty:金沙理发店 " \
	    "small:workshop:石桥竹编厂 small:workshop:西坝木器加工 small:workshop:梨树榨油坊 " \
	    "small:kindergarten:杏花幼儿园 small:kindergarten:竹林托儿所 " \
	    "small:clinic:红星村卫生室 small:clinic:东风诊所 small:clinic:北岭卫生室 small:clinic:南山诊所 small:clinic:白云卫生室", it, " ")
	for (i = 1; i <= n; i++) {
		split(it[i], a, ":")
		pname[i] = a[3]; pcat[i] = a[1]
		print "place " a[1] " " q(a[2]) " " a[3] " " village[1 + (i * 7) % nv] " " q("2022-12-0" (1 + i % 9) " 09:00") > load
	}
	np = n
	# Inspections on fixed days: security monthly for the watched
	# categories, every third month for the rest; traffic and fire each
	# quarter.  A few premises miss the last round, so some are due.
	for (y = 2023; y <= 2024; y++) for (m = 1; m <= 12; m++) {
		split("security:5 traffic:12 fire:20", ld, " ")
		for (l = 1; l <= 3; l++) {
			split(ld[l], a, ":")
			list = ""
			for (i = 1; i <= np; i++) {
				per = (a[1] == "security" && pcat[i] != "small" && pcat[i] != "enterprise") ? 1 : 3
				if (a[1] == "fire" && pcat[i] == "school") per = 1
				if (a[1] == "fire" && pcat[i] == "fuel") per = 1
				if ((m - 1) % per != 0) continue
				if (y == 2024 && m >= 10 && i % 9 == 4) continue
				if (rnd() < 0.04) {
					hz = pick("灭火器过期:2 安全出口堵塞:2 消防通道占用:1 监控损坏:1 台账不全:2")
					print "check " a[1] " hazard " q(hz) " " later(y, m, a[2], 15) " " q(day(y, m, a[2] + 1) " 10:00") " " pname[i] > load
					# Most hazards are found fixed at a visit a few weeks later.
					if (!(y == 2024 && m >= 11))
						print "check " a[1] " ok \047\047 \047\047 " q(later(y, m, a[2], 20) " 10:00") " " pname[i] > load
					continue
				}
				list = list " " pname[i]
			}
			if (list != "")
				print "check " a[1] " ok \047\047 \047\047 " q(day(y, m, a[2]) " 10:00") list > load
		}
	}
}

# ---- dispute cases ------------------------------------------------------
# e(what, at, rest): the next event of case id, unless it would fall after
# the last demo day; then neither it nor the case's later events happen.
function e(what, at, rest) {
	if (at > "2024-12-31 23:59") stop = 1
	if (!stop) print what " c" id " " q(at) (rest == "" ? "" : " " rest) > load
}
function money(t) { return (t == "wages" || t == "compensation") ? 1000 * (1 + rint(30)) : 0 }
# The ladder step by step: failed sessions and escalations up to level k
# (2 township, 3 resident, 4 consultation), from day d on.
function climb(y, m, d, k,    l) {
	split("police township resident consultation", lv, " ")
	for (l = 2; l <= k; l++) {
		e("med", later(y, m, d, 3 * l - 4) " 15:00", "failed 0")
		e("esc", later(y, m, d, 3 * l - 3) " 10:00", lv[l])
	}
	return 3 * k - 3
}
# A hand-off after consultation and what the body did (SPEC 4.1): the
# petition office accepts and concludes; a people's committee concludes
# within its month, one case in five unresolved (then referred onward);
# a court or an administrative body is checked on, then concludes.
function handoff(y, m, d, t, ch) {
	e("chan", later(y, m, d, t + 2) " 10:00", ch)
	if (ch == "petition") {
		e("ev", later(y, m, d, t + 8) " 10:00", "accepted")
		e("ev", later(y, m, d, t + 50) " 10:00", "concluded resolved")
	} else if (ch == "people" && id % 5 == 0) {
		e("ev", later(y, m, d, t + 20) " 10:00", "concluded unresolved")
		e("close", later(y, m, d, t + 23) " 10:00", "referred")
	} else if (ch == "people")
		e("ev", later(y, m, d, t + 20) " 10:00", "concluded resolved")
	else {
		e("ev", later(y, m, d, t + 28) " 10:00", "checked")
		e("ev", later(y, m, d, t + 55) " 10:00", "concluded resolved")
	}
}
function cases(    y, m, n, i, d, t, at, v, r, typ, flags, k, a, b) {
	id = 0
	split("neighbor:邻里纠纷 family:婚姻家庭纠纷 homestead:宅基地纠纷 land:土地承包流转纠纷 wages:拖欠工资纠纷 compensation:损害赔偿纠纷 traffic:交通事故纠纷 contract:合同纠纷 business:生产经营纠纷 forest:山林纠纷 other:其他纠纷", a, " ")
	for (i in a) { split(a[i], b, ":"); tlabel[b[1]] = b[2] }
	for (y = 2023; y <= 2024; y++) for (m = 1; m <= 12; m++) {
		n = (y == 2023 ? 5 : 4)
		for (i = 0; i < n; i++) {
			d = 1 + rint(mdays(y, m) < 28 ? mdays(y, m) : 28)
			typ = pick("neighbor:5 family:4 homestead:3 land:3 wages:3 compensation:2 traffic:2 contract:2 business:1 forest:1 other:1")
			v = village[pick(vw)]
			at = day(y, m, d) " " two(9 + rint(8)) ":00"
			id++
			stop = 0
			flags = ""
			if (typ == "wages" && rnd() < 0.3) flags = "--crowd " (3 + rint(6))
			e("add", at, v " " typ " " q(v "：" tlabel[typ]) (flags == "" ? "" : " " flags))
			r = rnd()
			if (y == 2024 && m >= 11 && r < 0.5) {
				# Still open, at some level; some already past a deadline.
				if (r < 0.15) continue
				t = climb(y, m, d, r < 0.3 ? 1 : r < 0.4 ? 2 : 3)
				e("med", later(y, m, d, t + 2) " 10:00", "partial " money(typ))
				continue
			}
			if (r >= 0.96) {
				e("close", later(y, m, d, 3) " 10:00", "withdrawn")
				continue
			}
			k = r < 0.55 ? 1 : r < 0.75 ? 2 : r < 0.87 ? 3 : 4
			t = climb(y, m, d, k)
			if (k == 4) {
				handoff(y, m, d, t, pick("people:3 administrative:2 judicial:2 petition:1"))
				continue
			}
			e("med", later(y, m, d, t + 1) " 15:00", "agreed " money(typ))
			e("close", later(y, m, d, t + 1) " 16:00", "resolved")
			# One follow-up visit is forgotten: an overdue case.
			if (!(y == 2024 && m == 10 && i == 0))
				e("visit", later(y, m, d, t + 30) " 10:00", "")
		}
	}
	# For the last night: a wage arrears case with a crowd (a mass-incident
	# risk), two the 会商研判 rule sends to consultation, and one handed to
	# the petition channel that has had no answer.
	id++; stop = 0
	e("add", "2024-12-20 10:00", "东风社区 wages " q("东风社区：工地拖欠农民工工资") " --crowd 15")
	e("med", "2024-12-23 15:00", "partial 20000")
	id++; stop = 0
	e("add", "2024-12-30 09:00", "青山村 homestead " q("青山村：宅基地纠纷，一方外省户籍") " --cross-region")
	id++; stop = 0
	e("add", "2024-12-30 11:00", "柳河村 land " q("柳河村：土地流转纠纷，涉多户") " --complex")
	id++; stop = 0
	e("add", "2024-11-04 10:00", "石桥村 demolition " q("石桥村：征地补偿纠纷"))
	climb(2024, 11, 4, 4)
	e("chan", "2024-11-15 10:00", "petition")
}

BEGIN {
	load = out "/load.sh"
	print "# load.sh: made by generate.sh; sourced by demo.sh." > load
	read_roster()
	incidents()
	patrols()
	cameras()
	places()
	cases()
	close(load)
}