package it.attimo.function.ingest;

import it.attimo.core.json.Json;
import it.attimo.core.touchpoint.EmbeddedForm;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The script a page includes to get an embedded form ({@code <script src=".../forms/<formId>.js"
 * data-target="#where" data-customer="<id>"></script>}): it builds the form after the page was built (labels tied to
 * inputs, Italian), and posts it to {@code POST /forms/<formId>} as a CORS simple request ({@code text/plain} JSON: no
 * preflight). The key in it identifies the form; it is not a secret: the origin allow-list and the rate limit protect
 * the endpoint.
 */
final class FormScript {
    private FormScript() {}

    static String render(EmbeddedForm form, String endpoint) {
        List<Object> fields = new ArrayList<>();
        for (EmbeddedForm.Field f : form.fields()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", f.name());
            m.put("label", f.label());
            m.put("type", f.type());
            m.put("required", f.required());
            m.put("options", f.options());
            fields.add(m);
        }
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("formId", form.formId());
        config.put("key", form.key());
        config.put("endpoint", endpoint);
        config.put("fields", fields);
        // </script> inside a string must not end the page's script element
        String json = Json.write(config).replace("</", "<\\/");
        return "(function(){\"use strict\";var c=" + json + ";"
                + "var s=document.currentScript;"
                + "var host=s&&s.getAttribute('data-target')?document.querySelector(s.getAttribute('data-target')):null;"
                + "var form=document.createElement('form');form.className='attimo-form';form.noValidate=true;"
                + "form.setAttribute('data-form-id',c.formId);"
                + "c.fields.forEach(function(f){var id='attimo-'+c.formId+'-'+f.name;var wrap=document.createElement('p');"
                + "var label=document.createElement('label');label.htmlFor=id;label.textContent=f.label+(f.required?' *':'');"
                + "var input;if(f.type==='select'){input=document.createElement('select');"
                + "var empty=document.createElement('option');empty.value='';empty.textContent='Scegliere…';input.appendChild(empty);"
                + "f.options.forEach(function(o){var opt=document.createElement('option');opt.value=o;opt.textContent=o;input.appendChild(opt);});}"
                + "else{input=document.createElement('input');input.type=f.type==='checkbox'?'checkbox':f.type;}"
                + "input.id=id;input.name=f.name;if(f.required){input.required=true;input.setAttribute('aria-required','true');}"
                + "if(f.type==='checkbox'){wrap.appendChild(input);wrap.appendChild(label);}else{wrap.appendChild(label);wrap.appendChild(input);}"
                + "form.appendChild(wrap);});"
                + "var REASONS={'required':'Campo obbligatorio','not an e-mail':'Indirizzo e-mail non valido',"
                + "'not a phone':'Numero di telefono non valido','not an option':'Scelga una delle opzioni',"
                + "'too long':'Testo troppo lungo'};"
                // an error next to its field, tied to it for screen readers; null clears it
                + "function mark(name,why){var el=form.elements[name];var id='attimo-'+c.formId+'-'+name+'-error';"
                + "var old=document.getElementById(id);if(old){old.parentNode.removeChild(old);}"
                + "if(!why){el.removeAttribute('aria-invalid');el.removeAttribute('aria-describedby');return;}"
                + "var e=document.createElement('span');e.id=id;e.className='attimo-error';e.textContent=why;"
                + "el.setAttribute('aria-invalid','true');el.setAttribute('aria-describedby',id);el.parentNode.appendChild(e);}"
                + "var button=document.createElement('button');button.type='submit';button.textContent='Invia';form.appendChild(button);"
                + "var status=document.createElement('p');status.setAttribute('role','status');status.className='attimo-status';form.appendChild(status);"
                + "form.addEventListener('submit',function(e){e.preventDefault();var body={key:c.key};"
                + "if(s&&s.getAttribute('data-customer')){body.customerId=s.getAttribute('data-customer');}"
                + "c.fields.forEach(function(f){var el=form.elements[f.name];body[f.name]=f.type==='checkbox'?(el.checked?'true':'false'):el.value;});"
                + "status.textContent='Invio in corso…';"
                + "c.fields.forEach(function(f){mark(f.name,null);});"
                + "fetch(c.endpoint,{method:'POST',headers:{'Content-Type':'text/plain'},body:JSON.stringify(body)})"
                + ".then(function(r){if(r.ok){status.textContent='Grazie! Abbiamo ricevuto le sue preferenze.';"
                + "form.setAttribute('data-sent','true');return;}"
                + "if(r.status===429){status.textContent='Troppi invii: riprovi tra un minuto.';return;}"
                + "if(r.status===403){status.textContent='Questo modulo non può essere inviato da questa pagina.';return;}"
                + "return r.json().then(function(b){var n=0;String(b&&b.message||'').split('; ').forEach(function(p){"
                + "var i=p.indexOf(' is ');if(i<0)return;var why=REASONS[p.substring(i+4)];"
                + "if(why&&form.elements[p.substring(0,i)]){mark(p.substring(0,i),why);n++;}});"
                + "status.textContent=n?'Controlli i campi segnalati.':'Invio non riuscito: riprovi più tardi.';});})"
                + ".catch(function(){status.textContent='Invio non riuscito: riprovi più tardi.';});});"
                + "if(host){host.appendChild(form);}else if(s&&s.parentNode){s.parentNode.insertBefore(form,s.nextSibling);}"
                + "})();\n";
    }
}
