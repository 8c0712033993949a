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
                + "var button=document.createElement('button');button.type='submit';button.textContent='Invia';form.appendChild(button);"
                + "var status=document.createElement('p');status.setAttribute('role','status');status.className='attimo-status';form.appendChild(status);"
                + "form.addEventListener('submit',function(e){e.preventDefault();var body={key:c.key};"
                + "if(s&&s.getAttribute('data-customer')){body.customerId=s.getAttribute('data-customer');}"
                + "c.fields.forEach(function(f){var el=form.elements[f.name];body[f.name]=f.type==='checkbox'?(el.checked?'true':'false'):el.value;});"
                + "status.textContent='Invio in corso…';"
                + "fetch(c.endpoint,{method:'POST',headers:{'Content-Type':'text/plain'},body:JSON.stringify(body)})"
                + ".then(function(r){status.textContent=r.ok?'Grazie! Abbiamo ricevuto le sue preferenze.':"
                + "(r.status===429?'Troppi invii: riprovi tra un minuto.':'Invio non riuscito: controlli i campi obbligatori.');"
                + "if(r.ok){form.setAttribute('data-sent','true');}})"
                + ".catch(function(){status.textContent='Invio non riuscito: riprovi più tardi.';});});"
                + "if(host){host.appendChild(form);}else if(s&&s.parentNode){s.parentNode.insertBefore(form,s.nextSibling);}"
                + "})();\n";
    }
}
