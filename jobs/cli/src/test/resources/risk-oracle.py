import json, math
from fractions import Fraction
from datetime import datetime, timedelta, timezone
T0 = datetime(2026,3,2,0,0,tzinfo=timezone.utc)
def ts(m): return (T0+timedelta(minutes=m)).strftime('%Y-%m-%dT%H:%M:%SZ')
lines=[]; n=[0]
def ev(minute, etype, community='acme', role='MEMBER', text=None, channel=None, q=False, eid=None, case=None, actor=None):
    n[0]+=1
    e={"event_id": eid or f"r{n[0]:03d}", "event_type": etype, "occurred_at": ts(minute), "platform": "x", "community_id": community,
       "actor_id": actor or f"m{n[0]}", "actor_role": role, "content_id": f"c{n[0]}"}
    if text: e["text"]=text
    if channel: e["channel"]=channel
    if q: e["is_question"]=True; e["channel"]=channel or "PUBLIC"; e["priority"]="NORMAL"
    if case: e["case_id"]=case
    lines.append(json.dumps(e)); return e
# earliest accepted events of each community: a view, no signal
ev(0,'VIEW'); ev(0,'VIEW',community='globex')
# negative: 1 per hour at :10, then 3 at 03:10 (flat baseline, std 0)
for h in range(3): ev(h*60+10,'POST',text='the app is broken')
for i in range(3): ev(190,'POST',text='still broken!')
# mentions: 1 at 00:40, 3 at 01:40, 3 at 02:40 (a count at mean + sigma*std)
ev(40,'POST',channel='MENTION',text='hi @acme')
for h in (1,2):
    for i in range(3): ev(h*60+40,'POST',channel='MENTION',text='hey @acme')
# questions, one a copy
q=ev(70,'POST',q=True,text='how do I?')
lines.append(lines[-1])
# spam: stop word
for i in range(4): ev(200,'POST',text='win at the casino')
# escalations, one with a copy
ev(100,'CASE_ESCALATED',role='STAFF',case='k1'); lines.append(lines[-1])
ev(160,'CASE_ESCALATED',role='STAFF',case='k2')
# globex: a little of everything
for i in range(2): ev(30,'POST',community='globex',text='broken again')
# in time order (copies right after their event), then the watermark pushed to 04:30 and a late
# negative post 40 minutes behind it, inside the hour of lateness
lines.sort(key=lambda l: json.loads(l)['occurred_at'])
ev(270,'VIEW')
late=ev(230,'POST',text='broken, late')
open('/tmp/riskit/risk-input.jsonl','w').write('\n'.join(lines)+'\n')

# the oracle: docs/kpis.md over all events, copies once
cfg=dict(W=60,S=30,H=3,MH=2,sigma=Fraction(1),minc=3)
seen=set(); sig={}; earliest={}
for l in lines:
    e=json.loads(l)
    if e['event_id'] in seen: continue
    seen.add(e['event_id'])
    m=(datetime.strptime(e['occurred_at'],'%Y-%m-%dT%H:%M:%SZ').replace(tzinfo=timezone.utc)-T0).total_seconds()/60
    c=e['community_id']; earliest[c]=min(earliest.get(c,1e9),m)
    item=e['event_type'] in ('POST','COMMENT') and e['actor_role'] in ('MEMBER','EXPERT')
    spam=item and 'casino' in e.get('text','').lower()
    hits=[]
    if item and spam: hits.append('spam')
    if item and not spam:
        if e.get('is_question'): hits.append('questions')
        if 'broken' in e.get('text','').lower(): hits.append('negative')
        if e.get('channel')=='MENTION': hits.append('mentions')
    if e['event_type']=='CASE_ESCALATED': hits.append('escalations')
    for s in hits: sig.setdefault((c,s),[]).append(m)
def count(ts_, t): return sum(1 for x in ts_ if t-cfg['W'] <= x < t)
rows=[]
for (c,s),times in sorted(sig.items()):
    ends=sorted({ (math.floor(x/cfg['S'])+k)*cfg['S'] for x in times for k in range(1, cfg['W']//cfg['S']+1)})
    for t in ends:
        cnt=count(times,t)
        if cnt<1: continue
        base=[count(times,t-60*k) for k in range(1,cfg['H']+1) if t-60*k > earliest[c]]
        if len(base) < max(1,cfg['MH']):
            rows.append((c,s,t,cnt,None,None,'none')); continue
        nb=len(base); S=sum(base); Q=sum(b*b for b in base)
        mean=Fraction(S,nb); var=Fraction(Q,nb)-mean*mean
        def above(mult):
            d=nb*cnt-S
            return d>0 and d*d > mult*mult*(nb*Q-S*S)
        lvl='none'
        if cnt>=cfg['minc'] and above(2*cfg['sigma']): lvl='critical'
        elif cnt>=cfg['minc'] and above(cfg['sigma']): lvl='warning'
        rows.append((c,s,t,cnt,float(mean),math.sqrt(float(var)),lvl))
for r in rows:
    c,s,t,cnt,mean,std,l=r
    f=lambda v: "" if v is None else ("%.6f" % v).rstrip("0").rstrip(".")
    print(f'row("{c}", "{s}", "{ts(t).replace("T"," ").replace("Z","")}.000", "{cnt}", "{f(mean)}", "{f(std)}", "{l}"),')
