(function(){
  var meta=JSON.parse(document.getElementById('meta').textContent), control=meta[0], variants=meta[1], versions=meta[2]||{};
  var rows=JSON.parse(document.getElementById('rows').textContent), prompts=JSON.parse(document.getElementById('prompts').textContent);
  var byCase=new Map(), systems=[], systemIndex={};
  rows.forEach(function(r){
    if(!byCase.has(r.c)) byCase.set(r.c,{id:r.c,prompt:r.p,fields:r.f,out:{}});
    var c=byCase.get(r.c); if(r.f && !c.fields) c.fields=r.f; c.out[r.v+(r.r?'#'+r.r:'')]=r;
    if(r.s!==undefined && prompts[r.s]!==undefined){
      if(!(r.s in systemIndex)){ systemIndex[r.s]=systems.length; systems.push({key:r.s,variants:[]}); }
      var s=systems[systemIndex[r.s]]; if(s.variants.indexOf(r.v)<0) s.variants.push(r.v);
    }
  });
  // with repeats, a case whose repeats of one variant disagree on a check is flaky, and is listed first
  function flaky(c,check){
    return variants.some(function(v){
      var rs=[]; for(var key in c.out){ if(key===v||key.indexOf(v+'#')===0) rs.push(c.out[key]); }
      if(rs.length<2||rs.some(function(r){return r.e;})) return false;
      var names=check?[check]:rs[0].k.map(function(k){return k.name;});
      return names.some(function(n){ var p=rs.map(function(r){return passes(r,n);}); return p.indexOf(true)>=0&&p.indexOf(false)>=0; });
    });
  }
  var all=Array.from(byCase.values()); all.forEach(function(c){c.flaky=flaky(c,'');});
  var cases=all.filter(function(c){return c.flaky;}).concat(all.filter(function(c){return !c.flaky;})), page=0, size=50, shown=cases;
  function esc(s){return String(s).replace(/[&<>"']/g,function(c){return {'&':'&amp;','<':'&lt;','>':'&gt;','"':'&quot;',"'":'&#39;'}[c];});}
  function na(k){ return k.outcome==='not_applicable'; }
  function fails(r,check){ if(!r) return false; if(r.e) return true; return r.k.some(function(k){return !k.passed && !na(k) && (!check||k.name===check);}); }
  function passes(r,check){ return r && !r.e && r.k.every(function(k){return k.passed || na(k) || (check&&k.name!==check);}); }
  function label(s){ return '<span class="label">'+esc(s)+'</span> '; }
  function sysRef(key){ var n=systemIndex[key]+1; return '<a class="sysref" href="#system-'+n+'">system prompt S'+n+'</a>'; }
  function fieldsHtml(f){
    if(!f) return ''; var out='';
    if(f.expect!==undefined) out+='<div class="field">'+label('expect')+esc(f.expect)+'</div>';
    if(f.context!==undefined) out+='<div class="field">'+label('context')+esc(f.context)+'</div>';
    [['references','references'],['incorrect_references','incorrect references']].forEach(function(k){
      if(f[k[0]]) out+='<div class="field">'+label(k[1])+'<ul>'+f[k[0]].map(function(t){return '<li>'+esc(t)+'</li>';}).join('')+'</ul></div>';
    });
    return out;
  }
  function promptHtml(c){
    var refs=[], seen={};
    variants.forEach(function(v){ var r=c.out[v]; if(r && r.s!==undefined && r.s in systemIndex && !seen[r.s]){ seen[r.s]=1; refs.push(r.s); } });
    var out=refs.length===1?'<div class="sys">'+sysRef(refs[0])+'</div>'
      :refs.map(function(key){ return '<div class="sys">'+sysRef(key)+': '+variants.filter(function(v){return c.out[v] && c.out[v].s===key;}).map(esc).join(', ')+'</div>'; }).join('');
    return out+esc(c.prompt);
  }
  if(systems.length){
    document.getElementById('system-prompts').innerHTML='<details'+(systems.length===1?' open':'')+'><summary>System prompts ('
      +systems.length+'): shown once here, referred to by each case</summary>'+systems.map(function(s,i){
        return '<div class="system" id="system-'+(i+1)+'"><b>S'+(i+1)+'</b> used by '+s.variants.map(function(v){
          return esc(v)+(versions[v]?' (prompt '+esc(versions[v])+')':'');}).join(', ')+'<pre>'+esc(prompts[s.key])+'</pre></div>';
      }).join('')+'</details>';
  }
  function keep(c){
    var f=document.getElementById('filter').value, check=document.getElementById('check').value, q=document.getElementById('search').value.toLowerCase();
    var ctl=c.out[control], others=variants.filter(function(v){return v!==control;}).map(function(v){return c.out[v];});
    if(q && c.id.toLowerCase().indexOf(q)<0 && c.prompt.toLowerCase().indexOf(q)<0 && !(c.fields && JSON.stringify(c.fields).toLowerCase().indexOf(q)>=0)
        && !Object.values(c.out).some(function(r){return r.o.toLowerCase().indexOf(q)>=0
          || (r.t||[]).some(function(t){return (t.name+'('+t.arguments+')').toLowerCase().indexOf(q)>=0;});})) return false;
    if(f==='flaky') return flaky(c,check);
    if(f==='regressions') return passes(ctl,check) && others.some(function(r){return fails(r,check);});
    if(f==='improvements') return fails(ctl,check) && others.some(function(r){return passes(r,check);});
    if(f==='errors') return Object.values(c.out).some(function(r){return r.e;});
    if(f==='failing' || check) return Object.values(c.out).some(function(r){return fails(r,check);});
    return true;
  }
  function toolsHtml(t){return (t||[]).map(function(t){return '<div class="tool">→ '+esc(t.name)+'('+esc(t.arguments)+')</div>';}).join('');}
  function ms(x){return esc(String(Math.round(Number(x)||0)))+' ms';}
  // an app variant's trace: one line per model call (model, tokens in+out, latency, tool calls)
  function stepsHtml(st){
    if(!st||!st.length) return '';
    var tokens=0,total=0; st.forEach(function(s){tokens+=(Number(s.tokens_in)||0)+(Number(s.tokens_out)||0); total+=Number(s.latency_ms)||0;});
    return '<details class="steps"><summary>'+st.length+' model call'+(st.length===1?'':'s')+' · '+esc(String(tokens))+' tokens · '+ms(total)+'</summary><ol>'
      +st.map(function(s){return '<li>'+esc(s.model||'?')+' · '+esc(String(s.tokens_in))+' + '+esc(String(s.tokens_out))+' tokens · '+ms(s.latency_ms)
        +(s.first_token_ms!=null?' (first token '+ms(s.first_token_ms)+')':'')+(s.stream?' · stream':'')+(s.recorded?' · replayed':'')
        +(s.error_class?'<div class="fail">'+esc(s.error_class)+': '+esc(s.error||'')+'</div>':'')+toolsHtml(s.tool_calls)+'</li>';}).join('')+'</ol></details>';
  }
  function attemptsHtml(a){
    if(!a||!a.length) return '';
    return '<details class="steps"><summary>'+a.length+' attempts</summary><ol>'+a.map(function(x){return '<li>'+esc(x)+'</li>';}).join('')+'</ol></details>';
  }
  function render(){
    shown=cases.filter(keep); var pages=Math.max(1,Math.ceil(shown.length/size)); page=Math.min(page,pages-1);
    var head='<tr><th>case</th><th>prompt</th>'+variants.map(function(v){return '<th>'+esc(v)+(v===control?' (control)':'')+'</th>';}).join('')+'</tr>';
    var body=shown.slice(page*size,page*size+size).map(function(c){
      return '<tr id="case-'+c.id.replace(/[^A-Za-z0-9_-]/g,'_')+'"><td><div class="id">'+esc(c.id)+(c.flaky?' '+label('flaky'):'')+'</div>'+fieldsHtml(c.fields)+'</td><td>'
        +promptHtml(c)+'</td>'+variants.map(function(v){
        var r=c.out[v]; if(!r) return '<td></td>';
        var checks=r.k.map(function(k){return na(k)?'<div class="na">– '+esc(k.name)+' (not applicable): '+esc(k.reason)+'</div>'
          :'<div class="'+(k.passed?'pass':'fail')+'">'+(k.passed?'✔ ':'✘ ')+esc(k.name)+': '+esc(k.reason)+'</div>';}).join('');
        var own=r.p!==c.prompt?'<div class="vp">'+label('prompt')+esc(r.p)+'</div>':'';
        var calls=toolsHtml(r.t);
        return '<td>'+own+(r.e?'<div class="fail">'+esc(r.e)+'</div>':esc(r.o)+calls)+attemptsHtml(r.a)+stepsHtml(r.st)+checks+'</td>';}).join('')+'</tr>';}).join('');
    document.getElementById('cases').innerHTML=head+body;
    document.getElementById('count').textContent=shown.length+' of '+cases.length+' cases';
    document.getElementById('page').textContent='page '+(page+1)+' of '+pages;
  }
  ['filter','check'].forEach(function(id){document.getElementById(id).onchange=function(){page=0;render();};});
  document.getElementById('search').oninput=function(){page=0;render();};
  document.getElementById('prev').onclick=function(){if(page>0){page--;render();}};
  document.getElementById('next').onclick=function(){page++;render();};
  if(location.hash.indexOf('#case-')===0){ var id=location.hash.substring(6); var i=cases.findIndex(function(c){return c.id.replace(/[^A-Za-z0-9_-]/g,'_')===id;}); if(i>=0) page=Math.floor(i/size); }
  render();
  if(location.hash){ var el=document.getElementById(location.hash.substring(1)); if(el) el.scrollIntoView(); }
})();
