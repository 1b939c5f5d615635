<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>Launcher</name>
    <message>
        <source>cannot write the screenshot to %1</source>
        <translation>Bildschirmfoto kann nicht nach %1 geschrieben werden</translation>
    </message>
    <message>
        <source>no draft within 30 s; no screenshot taken</source>
        <translation>kein Entwurf innerhalb von 30 s; kein Bildschirmfoto erstellt</translation>
    </message>
    <message>
        <source>the queue is empty; nothing to show (use --demo)</source>
        <translation>die Warteschlange ist leer; nichts anzuzeigen (--demo verwenden)</translation>
    </message>
    <message>
        <source>Understudy: a desktop copilot for support agents.</source>
        <translation>Understudy: ein Desktop-Copilot für Support-Mitarbeiter.</translation>
    </message>
    <message>
        <source>The local store (default: in the per-user data folder).</source>
        <translation>Der lokale Speicher (Standard: im Datenordner des Benutzers).</translation>
    </message>
    <message>
        <source>Import the bundled demo help centre first if the store is empty.</source>
        <translation>Zuerst das mitgelieferte Demo-Hilfe-Center importieren, falls der Speicher leer ist.</translation>
    </message>
    <message>
        <source>Select a ticket, wait for its draft, save the window as PNG and exit.</source>
        <translation>Ein Ticket auswählen, auf seinen Entwurf warten, das Fenster als PNG speichern und beenden.</translation>
    </message>
    <message>
        <source>Understudy cannot start</source>
        <translation>Understudy kann nicht starten</translation>
    </message>
    <message>
        <source>cannot import the demo data: %1</source>
        <translation>die Demodaten können nicht importiert werden: %1</translation>
    </message>
    <message>
        <source>Print interactive_ms=… once the queue is shown and accepts input.</source>
        <translation>interactive_ms=… ausgeben, sobald die Warteschlange angezeigt wird und Eingaben annimmt.</translation>
    </message>
    <message>
        <source>With --report-startup: exit right after reporting.</source>
        <translation>Mit --report-startup: direkt nach der Ausgabe beenden.</translation>
    </message>
    <message>
        <source>Colour theme for this run: system, light or dark.</source>
        <translation>Farbschema für diesen Start: system, light oder dark.</translation>
    </message>
    <message>
        <source>The agent&apos;s name (events and sign-off; a sign-in uses the account&apos;s).</source>
        <translation>Der Name des Agenten (Ereignisse und Grußformel; nach der Anmeldung gilt der Kontoname).</translation>
    </message>
</context>
<context>
    <name>understudy::app::AgentStatsModel</name>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 min %2 s</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message numerus="yes">
        <source>%n rejected draft(s) of %1 acted on:</source>
        <translation>
            <numerusform>%n abgelehnter Entwurf von %1 bearbeiteten:</numerusform>
            <numerusform>%n abgelehnte Entwürfe von %1 bearbeiteten:</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: %2 (%3)</source>
        <translation>%1: %2 (%3)</translation>
    </message>
    <message>
        <source>%1 draft(s) shown, %2 acted on, %3 regenerated</source>
        <translation>%1 Entwürfe angezeigt, %2 bearbeitet, %3 neu erzeugt</translation>
    </message>
    <message>
        <source>Median share of the draft kept in edited sends</source>
        <translation>Median des beibehaltenen Entwurfsanteils in bearbeitet gesendeten Antworten</translation>
    </message>
    <message>
        <source>Share of the drafts acted on (sent as is, sent after editing, rejected, flagged or escalated)</source>
        <translation>Anteil der bearbeiteten Entwürfe (unverändert gesendet, nach Bearbeitung gesendet, abgelehnt, gemeldet oder eskaliert)</translation>
    </message>
    <message>
        <source>Median time from the first draft shown for a ticket to the agent&apos;s send of it (to the second below 10 minutes, to the minute below an hour)</source>
        <translation>Median der Zeit vom ersten angezeigten Entwurf eines Tickets bis zum Senden durch den Agenten (sekundengenau unter 10 Minuten, minutengenau unter einer Stunde)</translation>
    </message>
    <message>
        <source>Agent</source>
        <translation>Mitarbeiter</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>Team</translation>
    </message>
    <message>
        <source>Drafts shown</source>
        <translation>Angezeigte Entwürfe</translation>
    </message>
    <message>
        <source>Sent as is</source>
        <translation>Unverändert gesendet</translation>
    </message>
    <message>
        <source>Sent after edit</source>
        <translation>Nach Bearbeitung gesendet</translation>
    </message>
    <message>
        <source>Median kept</source>
        <translation>Median beibehalten</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>Abgelehnt</translation>
    </message>
    <message>
        <source>Flagged</source>
        <translation>Gemeldet</translation>
    </message>
    <message>
        <source>Escalated</source>
        <translation>Eskaliert</translation>
    </message>
    <message>
        <source>Mean confidence</source>
        <translation>Mittlere Konfidenz</translation>
    </message>
    <message>
        <source>Acceptance</source>
        <translation>Akzeptanz</translation>
    </message>
    <message>
        <source>Median open → send</source>
        <translation>Median Öffnen → Senden</translation>
    </message>
    <message>
        <source>under 1 s</source>
        <translation>unter 1 s</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 Min.</translation>
    </message>
</context>
<context>
    <name>understudy::app::DeliveryState</name>
    <message>
        <source>Cannot read the replies&apos; delivery: %1</source>
        <translation>Die Zustellung der Antworten kann nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>Reply of %1: delivered to %2</source>
        <translation>Antwort vom %1: an %2 zugestellt</translation>
    </message>
    <message>
        <source>Reply of %1: not delivered to %2 — %3</source>
        <translation>Antwort vom %1: nicht an %2 zugestellt — %3</translation>
    </message>
    <message>
        <source>Reply of %1: will be retried after %2 (attempt %3 failed — %4)</source>
        <translation>Antwort vom %1: neuer Versuch nach %2 (Versuch %3 fehlgeschlagen — %4)</translation>
    </message>
    <message>
        <source>Reply of %1: queued again for %2 (last try failed — %3)</source>
        <translation>Antwort vom %1: erneut für %2 eingereiht (letzter Versuch fehlgeschlagen — %3)</translation>
    </message>
    <message>
        <source>Reply of %1: queued for %2</source>
        <translation>Antwort vom %1: für %2 eingereiht</translation>
    </message>
    <message>
        <source>Reply of %1: delivered to the server</source>
        <translation>Antwort vom %1: an den Server zugestellt</translation>
    </message>
    <message>
        <source>Reply of %1: not sent — the ticket was claimed by %2</source>
        <translation>Antwort vom %1: nicht gesendet — das Ticket wurde von %2 übernommen</translation>
    </message>
    <message>
        <source>Reply of %1: refused by the server — %2</source>
        <translation>Antwort vom %1: vom Server abgelehnt — %2</translation>
    </message>
    <message>
        <source>Reply of %1: queued for the server</source>
        <translation>Antwort vom %1: für den Server eingereiht</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Erneut versuchen</translation>
    </message>
    <message>
        <source>Queue this reply again; the next delivery run tries it</source>
        <translation>Diese Antwort erneut einreihen; der nächste Zustellungslauf versucht sie</translation>
    </message>
    <message>
        <source>Cannot queue the reply again: %1</source>
        <translation>Die Antwort kann nicht erneut eingereiht werden: %1</translation>
    </message>
</context>
<context>
    <name>understudy::app::DraftController</name>
    <message>
        <source>The drafting engine could not start: %1</source>
        <translation>Die Entwurfs-Engine konnte nicht starten: %1</translation>
    </message>
    <message>
        <source>Cannot open ticket %1</source>
        <translation>Ticket %1 kann nicht geöffnet werden</translation>
    </message>
    <message>
        <source>Ticket %1 is no longer in the local store.</source>
        <translation>Ticket %1 ist nicht mehr im lokalen Speicher.</translation>
    </message>
    <message>
        <source>No draft for %1: %2</source>
        <translation>Kein Entwurf für %1: %2</translation>
    </message>
    <message>
        <source>The draft could not be saved</source>
        <translation>Der Entwurf konnte nicht gespeichert werden</translation>
    </message>
    <message>
        <source>Could not record the %1 event</source>
        <translation>Das Ereignis „%1“ konnte nicht gespeichert werden</translation>
    </message>
    <message>
        <source>escalated by the agent</source>
        <translation>vom Mitarbeiter eskaliert</translation>
    </message>
    <message>
        <source>Cannot read ticket %1 again</source>
        <translation>Ticket %1 kann nicht erneut gelesen werden</translation>
    </message>
    <message>
        <source>Cannot read a teammate&apos;s answer</source>
        <translation>Die Antwort eines Teammitglieds kann nicht gelesen werden</translation>
    </message>
    <message>
        <source>Cannot read what the team&apos;s corrections taught</source>
        <translation>Was die Korrekturen des Teams gelehrt haben, kann nicht gelesen werden</translation>
    </message>
    <message>
        <source>Cannot check the store for new knowledge</source>
        <translation>Der Speicher kann nicht auf neues Wissen geprüft werden</translation>
    </message>
    <message>
        <source>Cannot read the stored draft of %1</source>
        <translation>Der gespeicherte Entwurf von %1 kann nicht gelesen werden</translation>
    </message>
    <message>
        <source>Cannot read the correction log</source>
        <translation>Das Korrekturprotokoll kann nicht gelesen werden</translation>
    </message>
</context>
<context>
    <name>understudy::app::DraftPanel</name>
    <message>
        <source>Insert &amp;link</source>
        <translation>&amp;Link einfügen</translation>
    </message>
    <message>
        <source>Escalation</source>
        <translation>Eskalation</translation>
    </message>
    <message>
        <source>Confidence</source>
        <translation>Sicherheit</translation>
    </message>
    <message>
        <source>Why?</source>
        <translation>Warum?</translation>
    </message>
    <message>
        <source>Show the reasons behind the confidence</source>
        <translation>Die Gründe für die Sicherheit anzeigen</translation>
    </message>
    <message>
        <source>Reply</source>
        <translation>Antwort</translation>
    </message>
    <message>
        <source>The suggested reply appears here.</source>
        <translation>Hier erscheint die vorgeschlagene Antwort.</translation>
    </message>
    <message>
        <source>Sources</source>
        <translation>Quellen</translation>
    </message>
    <message>
        <source>Double-click to open an article in the knowledge-base browser</source>
        <translation>Doppelklicken, um einen Artikel im Wissensdatenbank-Browser zu öffnen</translation>
    </message>
    <message>
        <source>Insert the selected source&apos;s link into the reply</source>
        <translation>Den Link der ausgewählten Quelle in die Antwort einfügen</translation>
    </message>
    <message>
        <source>&lt;b&gt;Sources&lt;/b&gt;</source>
        <translation>&lt;b&gt;Quellen&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Select a ticket to see the suggested reply.</source>
        <translation>Wählen Sie ein Ticket aus, um die vorgeschlagene Antwort zu sehen.</translation>
    </message>
    <message>
        <source>Drafting a reply…</source>
        <translation>Antwort wird entworfen…</translation>
    </message>
    <message>
        <source>No draft: %1</source>
        <translation>Kein Entwurf: %1</translation>
    </message>
    <message>
        <source>&lt;b style=&quot;color:%1&quot;&gt;%2% · low&lt;/b&gt;</source>
        <translation>&lt;b style=&quot;color:%1&quot;&gt;%2 % · niedrig&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b style=&quot;color:%1&quot;&gt;%2%&lt;/b&gt;</source>
        <translation>&lt;b style=&quot;color:%1&quot;&gt;%2 %&lt;/b&gt;</translation>
    </message>
    <message>
        <source>intent: %1 (%2%)</source>
        <translation>Anliegen: %1 (%2 %)</translation>
    </message>
    <message>
        <source>&lt;b&gt;Escalate to a human:&lt;/b&gt; %1&lt;br/&gt;The draft below is a suggested hand-off.</source>
        <translation>&lt;b&gt;An einen Menschen eskalieren:&lt;/b&gt; %1&lt;br/&gt;Der Entwurf unten ist ein Vorschlag für die Übergabe.</translation>
    </message>
    <message>
        <source>⚠ Low confidence: check this reply carefully before sending.</source>
        <translation>⚠ Geringe Sicherheit: Prüfen Sie diese Antwort vor dem Senden sorgfältig.</translation>
    </message>
    <message>
        <source>Suggested reply — edit it freely before sending.</source>
        <translation>Vorgeschlagene Antwort – vor dem Senden beliebig bearbeiten.</translation>
    </message>
    <message>
        <source>Sending… (undo with Ctrl+Z)</source>
        <translation>Wird gesendet… (rückgängig mit Strg+Z)</translation>
    </message>
    <message>
        <source>Done with this draft. Regenerate for a new one.</source>
        <translation>Dieser Entwurf ist erledigt. Für einen neuen „Neu erzeugen“ wählen.</translation>
    </message>
    <message>
        <source>Reply language</source>
        <translation>Sprache der Antwort</translation>
    </message>
    <message numerus="yes">
        <source>%n passage(s) marked to check: hover over them to see why.</source>
        <translation>
            <numerusform>%n Stelle zum Prüfen markiert: Zeigen Sie mit der Maus darauf, um den Grund zu sehen.</numerusform>
            <numerusform>%n Stellen zum Prüfen markiert: Zeigen Sie mit der Maus darauf, um den Grund zu sehen.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>understudy::app::DraftText</name>
    <message>
        <source>Reuses a past reply to a similar question (similarity %1)</source>
        <translation>Verwendet eine frühere Antwort auf eine ähnliche Frage (Ähnlichkeit %1)</translation>
    </message>
    <message>
        <source>Built from the article &quot;%1&quot; (similarity %2)</source>
        <translation>Aus dem Artikel „%1“ erstellt (Ähnlichkeit %2)</translation>
    </message>
    <message>
        <source>Built from the macro &quot;%1&quot;</source>
        <translation>Aus dem Makro „%1“ erstellt</translation>
    </message>
    <message>
        <source>Nothing in the knowledge base or past replies fits this question well: needs a human</source>
        <translation>Nichts in der Wissensdatenbank oder in früheren Antworten passt gut zu dieser Frage: ein Mensch muss antworten</translation>
    </message>
    <message>
        <source>No known topic fits this question well: needs a human</source>
        <translation>Kein bekanntes Thema passt gut zu dieser Frage: ein Mensch muss antworten</translation>
    </message>
    <message>
        <source>Similar past tickets agree on the topic &quot;%1&quot; (%2)</source>
        <translation>Ähnliche frühere Tickets stimmen beim Thema „%1“ überein (%2)</translation>
    </message>
    <message>
        <source>Similar past tickets disagree on the topic (&quot;%1&quot; only %2)</source>
        <translation>Ähnliche frühere Tickets sind sich beim Thema uneins („%1“ nur %2)</translation>
    </message>
    <message>
        <source>The source article is marked deprecated and may be out of date</source>
        <translation>Der Quellartikel ist als veraltet markiert und womöglich nicht mehr aktuell</translation>
    </message>
    <message>
        <source>Agents often rejected or flagged drafts built on this source</source>
        <translation>Mitarbeiter haben Entwürfe auf dieser Quelle oft abgelehnt oder gemeldet</translation>
    </message>
    <message numerus="yes">
        <source>Confidence calibrated on %n past draft(s) the team acted on</source>
        <translation>
            <numerusform>Sicherheit kalibriert an %n früheren Entwurf, den das Team bearbeitet hat</numerusform>
            <numerusform>Sicherheit kalibriert an %n früheren Entwürfen, die das Team bearbeitet hat</numerusform>
        </translation>
    </message>
    <message>
        <source>Only part of the question is covered by the source</source>
        <translation>Die Quelle deckt nur einen Teil der Frage ab</translation>
    </message>
    <message>
        <source>Fill in before sending: %1</source>
        <translation>Vor dem Senden ausfüllen: %1</translation>
    </message>
    <message numerus="yes">
        <source>Left out %n step(s) the customer already tried</source>
        <translation>
            <numerusform>%n Schritt weggelassen, den der Kunde schon versucht hat</numerusform>
            <numerusform>%n Schritte weggelassen, die der Kunde schon versucht hat</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Left out %n sentence(s) of a past reply that said what was done for another customer</source>
        <translation>
            <numerusform>%n Satz einer früheren Antwort weggelassen, der sagte, was für einen anderen Kunden getan wurde</numerusform>
            <numerusform>%n Sätze einer früheren Antwort weggelassen, die sagten, was für einen anderen Kunden getan wurde</numerusform>
        </translation>
    </message>
    <message>
        <source>Escalation: %1</source>
        <translation>Eskalation: %1</translation>
    </message>
    <message>
        <source>angry or negative words</source>
        <translation>verärgerte oder negative Worte</translation>
    </message>
    <message>
        <source>threatens to cancel or go public</source>
        <translation>droht mit Kündigung oder Öffentlichkeit</translation>
    </message>
    <message>
        <source>repeat contact</source>
        <translation>wiederholte Kontaktaufnahme</translation>
    </message>
    <message>
        <source>shouting</source>
        <translation>schreit in Großbuchstaben</translation>
    </message>
    <message>
        <source>repeated punctuation</source>
        <translation>gehäufte Satzzeichen</translation>
    </message>
    <message>
        <source>The customer sounds frustrated (%1)</source>
        <translation>Der Kunde wirkt frustriert (%1)</translation>
    </message>
    <message>
        <source>No source in %1: the answer is in %2 (translate or check before sending)</source>
        <translation>Keine Quelle auf %1: die Antwort ist auf %2 (vor dem Senden übersetzen oder prüfen)</translation>
    </message>
    <message numerus="yes">
        <source>The question has %n part(s), answered from separate sources</source>
        <translation>
            <numerusform>Die Frage hat %n Teil, aus eigenen Quellen beantwortet</numerusform>
            <numerusform>Die Frage hat %n Teile, jeweils aus einer eigenen Quelle beantwortet</numerusform>
        </translation>
    </message>
    <message>
        <source>Read as a follow-up to the earlier messages in the conversation</source>
        <translation>Als Nachfrage zu den früheren Nachrichten der Unterhaltung gelesen</translation>
    </message>
    <message>
        <source>Fill this in before sending</source>
        <translation>Vor dem Senden ausfüllen</translation>
    </message>
    <message>
        <source>States an action taken for the customer: make sure it was done</source>
        <translation>Nennt eine für den Kunden erledigte Aktion: Prüfen Sie, ob sie wirklich erfolgt ist</translation>
    </message>
    <message>
        <source>Not backed by a source: check it</source>
        <translation>Von keiner Quelle gestützt: bitte prüfen</translation>
    </message>
    <message>
        <source>Not in the customer&apos;s language</source>
        <translation>Nicht in der Sprache des Kunden</translation>
    </message>
    <message>
        <source>Check this before sending</source>
        <translation>Vor dem Senden prüfen</translation>
    </message>
    <message>
        <source>Possible account compromise or security incident: a security specialist must handle it</source>
        <translation>Mögliche Kontoübernahme oder Sicherheitsvorfall: ein Sicherheitsspezialist muss sich darum kümmern</translation>
    </message>
    <message>
        <source>Legal, privacy or data-deletion request: a privacy specialist must reply</source>
        <translation>Rechtliche Anfrage, Datenschutz- oder Löschanfrage: ein Datenschutzspezialist muss antworten</translation>
    </message>
    <message>
        <source>Billing dispute or chargeback: a billing specialist must handle it</source>
        <translation>Abrechnungsstreit oder Rückbuchung: ein Abrechnungsspezialist muss sich darum kümmern</translation>
    </message>
    <message>
        <source>Refund request: refunds are approved by a human</source>
        <translation>Erstattungswunsch: Erstattungen genehmigt ein Mensch</translation>
    </message>
    <message>
        <source>The customer is very frustrated: a human should answer personally</source>
        <translation>Der Kunde ist sehr frustriert: ein Mensch sollte persönlich antworten</translation>
    </message>
    <message>
        <source>Enterprise customer: their success team answers first</source>
        <translation>Enterprise-Kunde: sein Customer-Success-Team antwortet zuerst</translation>
    </message>
    <message>
        <source>English</source>
        <translation>Englisch</translation>
    </message>
    <message>
        <source>German</source>
        <translation>Deutsch</translation>
    </message>
    <message>
        <source>French</source>
        <translation>Französisch</translation>
    </message>
    <message>
        <source>Spanish</source>
        <translation>Spanisch</translation>
    </message>
    <message>
        <source>Italian</source>
        <translation>Italienisch</translation>
    </message>
    <message>
        <source>Dutch</source>
        <translation>Niederländisch</translation>
    </message>
    <message>
        <source>Portuguese</source>
        <translation>Portugiesisch</translation>
    </message>
    <message>
        <source>No source in %1: the answer below is in %2 — translate or check before sending</source>
        <translation>Keine Quelle auf %1: Die Antwort unten ist auf %2 – vor dem Senden übersetzen oder prüfen</translation>
    </message>
    <message>
        <source>No source in the customer&apos;s language: the answer below is in %1 — translate or check before sending</source>
        <translation>Keine Quelle in der Sprache des Kunden: Die Antwort unten ist auf %1 – vor dem Senden übersetzen oder prüfen</translation>
    </message>
    <message>
        <source>No source in the customer&apos;s language: check the language of the answer below before sending</source>
        <translation>Keine Quelle in der Sprache des Kunden: Prüfen Sie vor dem Senden die Sprache der Antwort unten</translation>
    </message>
</context>
<context>
    <name>understudy::app::FlagReasonBar</name>
    <message>
        <source>Flagged as a bad answer. Why? (optional)</source>
        <translation>Als schlechte Antwort markiert. Warum? (optional)</translation>
    </message>
    <message>
        <source>Why the draft is a bad answer</source>
        <translation>Warum der Entwurf eine schlechte Antwort ist</translation>
    </message>
    <message>
        <source>Choose a reason…</source>
        <translation>Grund wählen…</translation>
    </message>
    <message>
        <source>Keep the flag without a reason</source>
        <translation>Markierung ohne Grund behalten</translation>
    </message>
    <message>
        <source>Skip the reason</source>
        <translation>Grund überspringen</translation>
    </message>
</context>
<context>
    <name>understudy::app::GapsModel</name>
    <message>
        <source>%1, %2</source>
        <translation>%1, %2</translation>
    </message>
    <message>
        <source>Drafts shown: %1; mean confidence %2</source>
        <translation>Angezeigte Entwürfe: %1; mittlere Sicherheit %2</translation>
    </message>
    <message>
        <source>Low confidence + no source + rejected + 2 × flagged</source>
        <translation>Geringe Sicherheit + ohne Quelle + abgelehnt + 2 × gemeldet</translation>
    </message>
    <message>
        <source>Every reject of a draft built on this source, outdated information included</source>
        <translation>Jede Ablehnung eines Entwurfs auf dieser Quelle, veraltete Informationen eingeschlossen</translation>
    </message>
    <message>
        <source>Topic</source>
        <translation>Thema</translation>
    </message>
    <message>
        <source>Drafts</source>
        <translation>Entwürfe</translation>
    </message>
    <message>
        <source>Low confidence</source>
        <translation>Geringe Sicherheit</translation>
    </message>
    <message>
        <source>No source</source>
        <translation>Ohne Quelle</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>Abgelehnt</translation>
    </message>
    <message>
        <source>Flagged</source>
        <translation>Gemeldet</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>Probleme</translation>
    </message>
    <message>
        <source>Examples</source>
        <translation>Beispiele</translation>
    </message>
    <message>
        <source>Reviewed</source>
        <translation>Geprüft</translation>
    </message>
    <message>
        <source>Article</source>
        <translation>Artikel</translation>
    </message>
    <message>
        <source>Flags</source>
        <translation>Meldungen</translation>
    </message>
    <message>
        <source>Outdated rejects</source>
        <translation>Abgelehnt als veraltet</translation>
    </message>
    <message>
        <source>Rejects</source>
        <translation>Ablehnungen</translation>
    </message>
</context>
<context>
    <name>understudy::app::ImportDialog</name>
    <message>
        <source>Articles: Markdown with front matter, HTML, JSONL (one article per line) or a Zendesk Help Center export (.json); a folder is read whole. Articles are matched by id; those a file no longer has are marked removed.</source>
        <translation>Artikel: Markdown mit Front Matter, HTML, JSONL (ein Artikel pro Zeile) oder ein Zendesk-Help-Center-Export (.json); ein Ordner wird ganz gelesen. Artikel werden über ihre ID zugeordnet; was eine Datei nicht mehr enthält, wird als entfernt markiert.</translation>
    </message>
    <message>
        <source>Tickets: JSONL, CSV or TSV (a &quot;text&quot; column with the customer&apos;s message), a Zendesk tickets export or labelled pairs (.json). Resolved tickets with a reply teach the drafts.</source>
        <translation>Tickets: JSONL, CSV oder TSV (eine Spalte „text“ mit der Nachricht des Kunden), ein Zendesk-Ticketexport oder gelabelte Paare (.json). Gelöste Tickets mit Antwort lehren die Entwürfe.</translation>
    </message>
    <message>
        <source>Macros: {&quot;macros&quot;: [...]} (.json), as Zendesk exports them.</source>
        <translation>Makros: {&quot;macros&quot;: [...]} (.json), wie Zendesk sie exportiert.</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>&amp;Importieren</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Importieren</translation>
    </message>
    <message numerus="yes">
        <source>%1 and %n more</source>
        <translation>
            <numerusform>%1 und %n weitere</numerusform>
            <numerusform>%1 und %n weitere</numerusform>
        </translation>
    </message>
    <message>
        <source>Import as</source>
        <translation>Importieren als</translation>
    </message>
    <message>
        <source>Knowledge base articles</source>
        <translation>Artikel der Wissensdatenbank</translation>
    </message>
    <message>
        <source>Tickets</source>
        <translation>Tickets</translation>
    </message>
    <message>
        <source>Macros</source>
        <translation>Makros</translation>
    </message>
    <message>
        <source>Import progress</source>
        <translation>Importfortschritt</translation>
    </message>
    <message>
        <source>Files:</source>
        <translation>Dateien:</translation>
    </message>
    <message>
        <source>Import &amp;as:</source>
        <translation>Importieren &amp;als:</translation>
    </message>
    <message>
        <source>Cancelling… the store is being left as it was.</source>
        <translation>Wird abgebrochen … der Speicher bleibt, wie er war.</translation>
    </message>
    <message>
        <source>Reading the files…</source>
        <translation>Dateien werden gelesen …</translation>
    </message>
    <message numerus="yes">
        <source>Importing %1 of %n record(s)…</source>
        <translation>
            <numerusform>%1 von %n Datensatz wird importiert …</numerusform>
            <numerusform>%1 von %n Datensätzen werden importiert …</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: %n article(s) (%2 added, %3 updated, %4 unchanged, %5 marked removed)</source>
        <translation>
            <numerusform>%1: %n Artikel (%2 hinzugefügt, %3 aktualisiert, %4 unverändert, %5 als entfernt markiert)</numerusform>
            <numerusform>%1: %n Artikel (%2 hinzugefügt, %3 aktualisiert, %4 unverändert, %5 als entfernt markiert)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: %n ticket(s) (%2 added, %3 updated, %4 answer-bank entries)</source>
        <translation>
            <numerusform>%1: %n Ticket (%2 hinzugefügt, %3 aktualisiert, %4 Einträge in der Antwortbank)</numerusform>
            <numerusform>%1: %n Tickets (%2 hinzugefügt, %3 aktualisiert, %4 Einträge in der Antwortbank)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: %n macro(s) (%2 added, %3 updated, %4 unchanged)</source>
        <translation>
            <numerusform>%1: %n Makro (%2 hinzugefügt, %3 aktualisiert, %4 unverändert)</numerusform>
            <numerusform>%1: %n Makros (%2 hinzugefügt, %3 aktualisiert, %4 unverändert)</numerusform>
        </translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Imported.</source>
        <translation>Importiert.</translation>
    </message>
    <message>
        <source>Nothing was imported: %1</source>
        <translation>Nichts wurde importiert: %1</translation>
    </message>
    <message>
        <source>Import cancelled: nothing was imported.</source>
        <translation>Import abgebrochen: nichts wurde importiert.</translation>
    </message>
</context>
<context>
    <name>understudy::app::KnowledgeBrowser</name>
    <message>
        <source>Knowledge base</source>
        <translation>Wissensdatenbank</translation>
    </message>
    <message>
        <source>Search the knowledge base</source>
        <translation>Wissensdatenbank durchsuchen</translation>
    </message>
    <message>
        <source>Search articles (works offline)…</source>
        <translation>Artikel durchsuchen (funktioniert offline)…</translation>
    </message>
    <message>
        <source>Search results</source>
        <translation>Suchergebnisse</translation>
    </message>
    <message>
        <source>Article</source>
        <translation>Artikel</translation>
    </message>
    <message>
        <source>Type to search the cached articles.</source>
        <translation>Tippen Sie, um die zwischengespeicherten Artikel zu durchsuchen.</translation>
    </message>
    <message>
        <source>Search failed.</source>
        <translation>Suche fehlgeschlagen.</translation>
    </message>
    <message>
        <source>Knowledge-base search failed: %1</source>
        <translation>Suche in der Wissensdatenbank fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>No articles match “%1”.</source>
        <translation>Keine Artikel passen zu „%1“.</translation>
    </message>
    <message numerus="yes">
        <source>%n match(es)</source>
        <translation>
            <numerusform>%n Treffer</numerusform>
            <numerusform>%n Treffer</numerusform>
        </translation>
    </message>
    <message>
        <source>Cannot open article %1: %2</source>
        <translation>Artikel %1 kann nicht geöffnet werden: %2</translation>
    </message>
    <message>
        <source>Article %1 is not in the local knowledge base.</source>
        <translation>Artikel %1 ist nicht in der lokalen Wissensdatenbank.</translation>
    </message>
    <message>
        <source>This article is marked %1.</source>
        <translation>Dieser Artikel ist als „%1“ markiert.</translation>
    </message>
    <message>
        <source>Choose an article on the left, or type above to search the knowledge base.</source>
        <translation>Wählen Sie links einen Artikel oder suchen Sie oben in der Wissensdatenbank.</translation>
    </message>
    <message>
        <source>Search by a few words of the customer&apos;s question, e.g. &lt;i&gt;export csv&lt;/i&gt; or &lt;i&gt;reset password&lt;/i&gt;. Select a ticket first to see the articles behind its draft here.</source>
        <translation>Suchen Sie mit einigen Wörtern aus der Frage des Kunden, z. B. &lt;i&gt;CSV exportieren&lt;/i&gt; oder &lt;i&gt;Passwort zurücksetzen&lt;/i&gt;. Wählen Sie zuerst ein Ticket, um hier die Artikel hinter seinem Entwurf zu sehen.</translation>
    </message>
    <message>
        <source>Articles behind the current draft — or type to search.</source>
        <translation>Artikel hinter dem aktuellen Entwurf – oder tippen Sie zum Suchen.</translation>
    </message>
</context>
<context>
    <name>understudy::app::LeadController</name>
    <message>
        <source>The server refused the figures: %1</source>
        <translation>Der Server hat die Zahlen verweigert: %1</translation>
    </message>
    <message>
        <source>This server does not offer these figures yet (%1).</source>
        <translation>Dieser Server bietet diese Zahlen noch nicht an (%1).</translation>
    </message>
    <message>
        <source>the server cannot be reached (%1); try again when online</source>
        <translation>der Server ist nicht erreichbar (%1); versuchen Sie es online erneut</translation>
    </message>
</context>
<context>
    <name>understudy::app::LeadView</name>
    <message>
        <source>Fixed the article</source>
        <translation>Artikel korrigiert</translation>
    </message>
    <message>
        <source>Bad retrieval</source>
        <translation>Falsche Quellen gefunden</translation>
    </message>
    <message>
        <source>Agent error</source>
        <translation>Fehler des Mitarbeiters</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Wird geladen …</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Aktualisieren</translation>
    </message>
    <message>
        <source>Flag resolved.</source>
        <translation>Meldung erledigt.</translation>
    </message>
    <message>
        <source>Cannot resolve the flag: %1</source>
        <translation>Die Meldung kann nicht erledigt werden: %1</translation>
    </message>
    <message>
        <source>Offline notice</source>
        <translation>Offline-Hinweis</translation>
    </message>
    <message>
        <source>&amp;From</source>
        <translation>&amp;Von</translation>
    </message>
    <message>
        <source>First day</source>
        <translation>Erster Tag</translation>
    </message>
    <message>
        <source>&amp;To</source>
        <translation>&amp;Bis</translation>
    </message>
    <message>
        <source>Last day</source>
        <translation>Letzter Tag</translation>
    </message>
    <message>
        <source>T&amp;eam</source>
        <translation>T&amp;eam</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>Team</translation>
    </message>
    <message>
        <source>All teams</source>
        <translation>Alle Teams</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>E&amp;xport CSV…</source>
        <translation>Als CSV e&amp;xportieren …</translation>
    </message>
    <message>
        <source>Export CSV</source>
        <translation>Als CSV exportieren</translation>
    </message>
    <message>
        <source>Statistics</source>
        <translation>Statistik</translation>
    </message>
    <message>
        <source>Figures per agent</source>
        <translation>Zahlen pro Mitarbeiter</translation>
    </message>
    <message>
        <source>&amp;Agents</source>
        <translation>&amp;Mitarbeiter</translation>
    </message>
    <message>
        <source>Figures &amp;for</source>
        <translation>Zahlen &amp;für</translation>
    </message>
    <message>
        <source>Agent shown in the charts</source>
        <translation>In den Diagrammen gezeigter Mitarbeiter</translation>
    </message>
    <message>
        <source>Whole team</source>
        <translation>Ganzes Team</translation>
    </message>
    <message>
        <source>Weekly trends</source>
        <translation>Wöchentliche Entwicklung</translation>
    </message>
    <message>
        <source>Weekly acceptance, edit size, flags and escalations</source>
        <translation>Akzeptanz, Bearbeitungsumfang, Meldungen und Eskalationen pro Woche</translation>
    </message>
    <message>
        <source>&amp;Trends</source>
        <translation>&amp;Entwicklung</translation>
    </message>
    <message>
        <source>Calibration</source>
        <translation>Kalibrierung</translation>
    </message>
    <message>
        <source>Displayed confidence against observed acceptance</source>
        <translation>Angezeigte Konfidenz gegenüber beobachteter Akzeptanz</translation>
    </message>
    <message>
        <source>&amp;Calibration</source>
        <translation>&amp;Kalibrierung</translation>
    </message>
    <message>
        <source>Open flags</source>
        <translation>Offene Meldungen</translation>
    </message>
    <message>
        <source>Flagged draft and its sources</source>
        <translation>Gemeldeter Entwurf und seine Quellen</translation>
    </message>
    <message>
        <source>Resolution</source>
        <translation>Erledigung</translation>
    </message>
    <message>
        <source>Re&amp;solution</source>
        <translation>Er&amp;ledigung</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Notiz</translation>
    </message>
    <message>
        <source>What was done (optional)</source>
        <translation>Was getan wurde (optional)</translation>
    </message>
    <message>
        <source>&amp;Note</source>
        <translation>&amp;Notiz</translation>
    </message>
    <message>
        <source>Re&amp;solve flag</source>
        <translation>Meldung er&amp;ledigen</translation>
    </message>
    <message>
        <source>Resolve flag</source>
        <translation>Meldung erledigen</translation>
    </message>
    <message>
        <source>F&amp;lag review</source>
        <translation>Me&amp;ldungen prüfen</translation>
    </message>
    <message>
        <source>No figures</source>
        <translation>Keine Zahlen</translation>
    </message>
    <message>
        <source>Team statistics</source>
        <translation>Team-Statistik</translation>
    </message>
    <message>
        <source>My statistics</source>
        <translation>Meine Statistik</translation>
    </message>
    <message>
        <source>The first day is after the last day.</source>
        <translation>Der erste Tag liegt nach dem letzten Tag.</translation>
    </message>
    <message>
        <source>No figures to show yet.

The server cannot be reached and no figures were saved on this computer. Sign in (File ▸ Sign in…) or check the connection, then press Refresh.</source>
        <translation>Noch keine Zahlen.

Der Server ist nicht erreichbar, und auf diesem Computer wurden keine Zahlen gespeichert. Melden Sie sich an (Datei ▸ Anmelden …) oder prüfen Sie die Verbindung und klicken Sie dann auf Aktualisieren.</translation>
    </message>
    <message>
        <source>Offline — figures as of %1</source>
        <translation>Offline — Zahlen vom %1</translation>
    </message>
    <message>
        <source>Offline — saved figures</source>
        <translation>Offline — gespeicherte Zahlen</translation>
    </message>
    <message>
        <source>The server cannot be reached; these are the figures saved at the last successful refresh. Press Refresh to try again.</source>
        <translation>Der Server ist nicht erreichbar; dies sind die bei der letzten erfolgreichen Aktualisierung gespeicherten Zahlen. Klicken Sie auf Aktualisieren, um es erneut zu versuchen.</translation>
    </message>
    <message>
        <source>My drafts</source>
        <translation>Meine Entwürfe</translation>
    </message>
    <message>
        <source>Acceptance %</source>
        <translation>Akzeptanz %</translation>
    </message>
    <message>
        <source>Mean edit size %</source>
        <translation>Mittlerer Bearbeitungsumfang %</translation>
    </message>
    <message>
        <source>Flags</source>
        <translation>Meldungen</translation>
    </message>
    <message>
        <source>Escalations</source>
        <translation>Eskalationen</translation>
    </message>
    <message>
        <source>Engine version changed</source>
        <translation>Engine-Version gewechselt</translation>
    </message>
    <message>
        <source>Week</source>
        <translation>Woche</translation>
    </message>
    <message>
        <source>Share of drafts</source>
        <translation>Anteil der Entwürfe</translation>
    </message>
    <message>
        <source>Drafts</source>
        <translation>Entwürfe</translation>
    </message>
    <message>
        <source>Perfectly calibrated</source>
        <translation>Perfekt kalibriert</translation>
    </message>
    <message>
        <source>Observed acceptance</source>
        <translation>Beobachtete Akzeptanz</translation>
    </message>
    <message>
        <source>Displayed confidence</source>
        <translation>Angezeigte Konfidenz</translation>
    </message>
    <message>
        <source>Drafts sent (share)</source>
        <translation>Gesendete Entwürfe (Anteil)</translation>
    </message>
    <message>
        <source>%1 · %2 · %3</source>
        <translation>%1 · %2 · %3</translation>
    </message>
    <message>
        <source>no reason given</source>
        <translation>kein Grund angegeben</translation>
    </message>
    <message>
        <source>No open flags.</source>
        <translation>Keine offenen Meldungen.</translation>
    </message>
    <message numerus="yes">
        <source>%n open flag(s)</source>
        <translation>
            <numerusform>%n offene Meldung</numerusform>
            <numerusform>%n offene Meldungen</numerusform>
        </translation>
    </message>
    <message>
        <source>Ticket %1, flagged by %2</source>
        <translation>Ticket %1, gemeldet von %2</translation>
    </message>
    <message>
        <source>Reason: %1 · confidence %2 · %3</source>
        <translation>Grund: %1 · Konfidenz %2 · %3</translation>
    </message>
    <message>
        <source>none given</source>
        <translation>keiner angegeben</translation>
    </message>
    <message>
        <source>Sources</source>
        <translation>Quellen</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Keine</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>Export the figures per agent</source>
        <translation>Zahlen pro Mitarbeiter exportieren</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n agent(s) to %1.</source>
        <translation>
            <numerusform>%n Mitarbeiter nach %1 exportiert.</numerusform>
            <numerusform>%n Mitarbeiter nach %1 exportiert.</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Team statistics…</source>
        <translation>&amp;Team-Statistik …</translation>
    </message>
    <message>
        <source>&amp;My statistics…</source>
        <translation>&amp;Meine Statistik …</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>No figures to show: the server refused them (see the message above).</source>
        <translation>Keine Zahlen: Der Server hat sie verweigert (siehe Meldung oben).</translation>
    </message>
    <message>
        <source>No drafts were shown or acted on from %1 to %2.</source>
        <translation>Vom %1 bis %2 wurden keine Entwürfe angezeigt oder bearbeitet.</translation>
    </message>
    <message>
        <source>Marked “%1” reviewed.</source>
        <translation>„%1“ als geprüft markiert.</translation>
    </message>
    <message>
        <source>Marked “%1” reviewed; tick Show reviewed to see it again.</source>
        <translation>„%1“ als geprüft markiert; „Geprüfte anzeigen“ zeigt es wieder.</translation>
    </message>
    <message>
        <source>Cannot mark “%1” reviewed: %2</source>
        <translation>„%1“ kann nicht als geprüft markiert werden: %2</translation>
    </message>
    <message>
        <source>Spikes</source>
        <translation>Ausreißer</translation>
    </message>
    <message>
        <source>Show re&amp;viewed</source>
        <translation>&amp;Geprüfte anzeigen</translation>
    </message>
    <message>
        <source>Also list the topics and articles someone has already marked reviewed</source>
        <translation>Auch die Themen und Artikel zeigen, die schon jemand als geprüft markiert hat</translation>
    </message>
    <message>
        <source>Topics with problems</source>
        <translation>Themen mit Problemen</translation>
    </message>
    <message>
        <source>&amp;Mark topic reviewed</source>
        <translation>&amp;Thema als geprüft markieren</translation>
    </message>
    <message>
        <source>Mark the topic reviewed</source>
        <translation>Das Thema als geprüft markieren</translation>
    </message>
    <message>
        <source>Articles behind flagged or rejected drafts</source>
        <translation>Artikel hinter gemeldeten oder abgelehnten Entwürfen</translation>
    </message>
    <message>
        <source>&amp;Open article</source>
        <translation>Artikel &amp;öffnen</translation>
    </message>
    <message>
        <source>Open the article in the knowledge base</source>
        <translation>Den Artikel in der Wissensdatenbank öffnen</translation>
    </message>
    <message>
        <source>Mark art&amp;icle reviewed</source>
        <translation>A&amp;rtikel als geprüft markieren</translation>
    </message>
    <message>
        <source>Mark the article reviewed</source>
        <translation>Den Artikel als geprüft markieren</translation>
    </message>
    <message>
        <source>Knowledge &amp;gaps</source>
        <translation>&amp;Wissenslücken</translation>
    </message>
    <message>
        <source>All reviewed (%1); tick Show reviewed to see them.</source>
        <translation>Alle geprüft (%1); „Geprüfte anzeigen“ zeigt sie.</translation>
    </message>
    <message>
        <source>%1 (reviewed, not shown: %2)</source>
        <translation>%1 (geprüft, nicht gezeigt: %2)</translation>
    </message>
    <message>
        <source>Topics: no drafts with problems in this period.</source>
        <translation>Themen: keine Entwürfe mit Problemen in diesem Zeitraum.</translation>
    </message>
    <message>
        <source>Topics whose drafts had problems (low confidence, no source, rejected, flagged), most first:</source>
        <translation>Themen, deren Entwürfe Probleme hatten (geringe Sicherheit, ohne Quelle, abgelehnt, gemeldet), die meisten zuerst:</translation>
    </message>
    <message>
        <source>Articles: no flagged or rejected drafts built on one.</source>
        <translation>Artikel: kein gemeldeter oder abgelehnter Entwurf beruhte auf einem.</translation>
    </message>
    <message>
        <source>Articles that flagged or rejected drafts were built on, most flags and outdated-information rejects first:</source>
        <translation>Artikel, auf denen gemeldete oder abgelehnte Entwürfe beruhten, die meisten Meldungen und Ablehnungen als veraltet zuerst:</translation>
    </message>
    <message>
        <source>No spikes this week (week of %1): no topic drew at least 5 drafts and twice its usual weekly number.</source>
        <translation>Keine Ausreißer diese Woche (Woche vom %1): kein Thema hatte mindestens 5 Entwürfe und doppelt so viele wie sonst pro Woche.</translation>
    </message>
    <message>
        <source>Possible product issue: %1 — %2 tickets this week vs ~%3 a week before (×%4)</source>
        <translation>Mögliches Produktproblem: %1 — %2 Tickets diese Woche gegenüber ~%3 pro Woche zuvor (×%4)</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Week of %1. Example tickets:
%2</source>
        <translation>Woche vom %1. Beispiel-Tickets:
%2</translation>
    </message>
    <message>
        <source>Choose a resolution…</source>
        <translation>Lösung wählen…</translation>
    </message>
    <message>
        <source>Past replies and macros behind flagged drafts</source>
        <translation>Frühere Antworten und Makros hinter gemeldeten Entwürfen</translation>
    </message>
    <message>
        <source>Not enough data yet: no drafts were acted on in this range.</source>
        <translation>Noch nicht genug Daten: In diesem Zeitraum wurde kein Entwurf bearbeitet.</translation>
    </message>
    <message>
        <source>Not enough data yet for a trend: one week so far. Its figures are the points below; lines appear from the second week.</source>
        <translation>Noch nicht genug Daten für einen Verlauf: bisher eine Woche. Ihre Zahlen sind die Punkte unten; Linien erscheinen ab der zweiten Woche.</translation>
    </message>
    <message numerus="yes">
        <source>Not enough data yet: %n draft(s) acted on in this range. The line joins the confidence bands with at least %1 drafts; the counts are along the top.</source>
        <translation>
            <numerusform>Noch nicht genug Daten: %n bearbeiteter Entwurf in diesem Zeitraum. Die Linie verbindet die Konfidenzbereiche mit mindestens %1 Entwürfen; die Anzahlen stehen oben.</numerusform>
            <numerusform>Noch nicht genug Daten: %n bearbeitete Entwürfe in diesem Zeitraum. Die Linie verbindet die Konfidenzbereiche mit mindestens %1 Entwürfen; die Anzahlen stehen oben.</numerusform>
        </translation>
    </message>
    <message>
        <source>Fewer than %1 drafts</source>
        <translation>Weniger als %1 Entwürfe</translation>
    </message>
    <message>
        <source>Drafts per band</source>
        <translation>Entwürfe je Bereich</translation>
    </message>
    <message>
        <source>Draft (flagged)</source>
        <translation>Entwurf (gemeldet)</translation>
    </message>
    <message>
        <source>Reply sent</source>
        <translation>Gesendete Antwort</translation>
    </message>
    <message>
        <source>No reply sent yet.</source>
        <translation>Noch keine Antwort gesendet.</translation>
    </message>
    <message>
        <source>reply to “%1”</source>
        <translation>Antwort auf „%1“</translation>
    </message>
    <message>
        <source>reply on %1: “%2”</source>
        <translation>Antwort zu %1: „%2“</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>%1 · %2 (%3)</source>
        <translation>%1 · %2 (%3)</translation>
    </message>
    <message>
        <source>Past replies and macros: none behind a flagged draft.</source>
        <translation>Frühere Antworten und Makros: keine hinter einem gemeldeten Entwurf.</translation>
    </message>
    <message>
        <source>Past replies and macros that flagged drafts were built on:</source>
        <translation>Frühere Antworten und Makros, auf denen gemeldete Entwürfe beruhten:</translation>
    </message>
</context>
<context>
    <name>understudy::app::LoginDialog</name>
    <message>
        <source>Sign in to a server</source>
        <translation>Bei einem Server anmelden</translation>
    </message>
    <message>
        <source>&amp;Server:</source>
        <translation>&amp;Server:</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Passwort:</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Anmelden</translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation>Anmeldung läuft…</translation>
    </message>
    <message>
        <source>&amp;Remember me on this computer (in the desktop keyring)</source>
        <translation>Auf diesem Computer &amp;angemeldet bleiben (im Schlüsselbund des Desktops)</translation>
    </message>
    <message>
        <source>Unticked, the sign-in lasts for this session only and nothing is written to the keyring: use it when no keyring (GNOME Keyring, KWallet) runs in your session.</source>
        <translation>Ohne Haken gilt die Anmeldung nur für diese Sitzung und nichts wird in den Schlüsselbund geschrieben: nutzen Sie das, wenn in Ihrer Sitzung kein Schlüsselbund (GNOME Keyring, KWallet) läuft.</translation>
    </message>
    <message>
        <source>Corrections are kept on this computer and shared with your team through the server. Your password is not stored; the sign-in token goes to the desktop keyring, or is kept for this session only.</source>
        <translation>Korrekturen werden auf diesem Computer gespeichert und über den Server mit Ihrem Team geteilt. Ihr Passwort wird nicht gespeichert; das Anmelde-Token kommt in den Schlüsselbund des Desktops oder gilt nur für diese Sitzung.</translation>
    </message>
</context>
<context>
    <name>understudy::app::MainWindow</name>
    <message>
        <source>Understudy</source>
        <translation>Understudy</translation>
    </message>
    <message>
        <source>Drafting ready</source>
        <translation>Entwürfe bereit</translation>
    </message>
    <message>
        <source>Drafting unavailable</source>
        <translation>Entwürfe nicht verfügbar</translation>
    </message>
    <message>
        <source>Flagged as a bad answer. Thank you — this draft will count against its sources.</source>
        <translation>Als schlechte Antwort markiert. Danke – dieser Entwurf wird seinen Quellen angelastet.</translation>
    </message>
    <message>
        <source>Draft rejected.</source>
        <translation>Entwurf abgelehnt.</translation>
    </message>
    <message>
        <source>Escalated to a human.</source>
        <translation>An einen Menschen eskaliert.</translation>
    </message>
    <message>
        <source>Reply sent.</source>
        <translation>Antwort gesendet.</translation>
    </message>
    <message>
        <source>Sent — </source>
        <translation>Gesendet – </translation>
    </message>
    <message>
        <source>Send undone — the reply was not sent.</source>
        <translation>Senden rückgängig gemacht – die Antwort wurde nicht gesendet.</translation>
    </message>
    <message>
        <source>Loading knowledge…</source>
        <translation>Wissen wird geladen…</translation>
    </message>
    <message>
        <source>&amp;Send</source>
        <translation>&amp;Senden</translation>
    </message>
    <message>
        <source>&amp;Reject…</source>
        <translation>&amp;Ablehnen…</translation>
    </message>
    <message>
        <source>&amp;Flag bad answer</source>
        <translation>Sc&amp;hlechte Antwort</translation>
    </message>
    <message>
        <source>Re&amp;generate</source>
        <translation>&amp;Neu erzeugen</translation>
    </message>
    <message>
        <source>&amp;Escalate</source>
        <translation>&amp;Eskalieren</translation>
    </message>
    <message>
        <source>&amp;Undo send</source>
        <translation>Senden &amp;rückgängig machen</translation>
    </message>
    <message>
        <source>&amp;Knowledge base…</source>
        <translation>&amp;Wissensdatenbank…</translation>
    </message>
    <message>
        <source>Go to &amp;queue</source>
        <translation>Zur &amp;Warteschlange</translation>
    </message>
    <message>
        <source>Search the &amp;queue</source>
        <translation>Warteschlange &amp;durchsuchen</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Einstellungen…</translation>
    </message>
    <message>
        <source>&amp;About Understudy</source>
        <translation>Ü&amp;ber Understudy</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Tastenkürzel</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Ticket</source>
        <translation>&amp;Ticket</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>Search the queue</source>
        <translation>Warteschlange durchsuchen</translation>
    </message>
    <message>
        <source>Search subject, customer, id…</source>
        <translation>Betreff, Kunde, ID suchen…</translation>
    </message>
    <message>
        <source>Status filter</source>
        <translation>Statusfilter</translation>
    </message>
    <message>
        <source>Open and pending</source>
        <translation>Offen und wartend</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>Alle Status</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Offen</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>Wartend</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>Gelöst</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Geschlossen</translation>
    </message>
    <message>
        <source>Tier filter</source>
        <translation>Tariffilter</translation>
    </message>
    <message>
        <source>All tiers</source>
        <translation>Alle Tarife</translation>
    </message>
    <message>
        <source>Free</source>
        <translation>Free</translation>
    </message>
    <message>
        <source>Pro</source>
        <translation>Pro</translation>
    </message>
    <message>
        <source>Enterprise</source>
        <translation>Enterprise</translation>
    </message>
    <message>
        <source>Escalated</source>
        <translation>Eskaliert</translation>
    </message>
    <message>
        <source>Low confidence</source>
        <translation>Geringe Sicherheit</translation>
    </message>
    <message>
        <source>Ticket queue</source>
        <translation>Ticket-Warteschlange</translation>
    </message>
    <message>
        <source>Undo (Ctrl+Z)</source>
        <translation>Rückgängig (Strg+Z)</translation>
    </message>
    <message>
        <source>Undo send</source>
        <translation>Senden rückgängig machen</translation>
    </message>
    <message>
        <source>Offline — standalone mode</source>
        <translation>Offline – Einzelplatzmodus</translation>
    </message>
    <message>
        <source>No server is configured: drafts and corrections stay on this computer until sync is set up.</source>
        <translation>Kein Server eingerichtet: Entwürfe und Korrekturen bleiben auf diesem Computer, bis die Synchronisierung eingerichtet ist.</translation>
    </message>
    <message>
        <source>Last sync: never</source>
        <translation>Letzte Synchronisierung: nie</translation>
    </message>
    <message>
        <source>Outbox: %1</source>
        <translation>Postausgang: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n correction(s) waiting to be synced</source>
        <translation>
            <numerusform>%n Korrektur wartet auf Synchronisierung</numerusform>
            <numerusform>%n Korrekturen warten auf Synchronisierung</numerusform>
        </translation>
    </message>
    <message>
        <source>Cannot read the customer&apos;s history: %1</source>
        <translation>Der Verlauf des Kunden kann nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>Nothing to send.</source>
        <translation>Nichts zu senden.</translation>
    </message>
    <message>
        <source>Only articles open in the knowledge-base browser; see the tooltip for this source.</source>
        <translation>Nur Artikel lassen sich im Wissensdatenbank-Browser öffnen; siehe den Tooltip dieser Quelle.</translation>
    </message>
    <message>
        <source>About Understudy</source>
        <translation>Über Understudy</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Understudy %1&lt;/h3&gt;&lt;p&gt;A desktop copilot for customer-support agents: it drafts a reply for the selected ticket, shows how confident it is and what it drew on, and learns from every send, edit, rejection and flag.&lt;/p&gt;&lt;p&gt;Licensed under the GNU GPL version 3 or later.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Understudy %1&lt;/h3&gt;&lt;p&gt;Ein Desktop-Copilot für Kundensupport-Mitarbeiter: Er entwirft eine Antwort auf das ausgewählte Ticket, zeigt, wie sicher er ist und worauf er sich stützt, und lernt aus jedem Senden, Bearbeiten, Ablehnen und Markieren.&lt;/p&gt;&lt;p&gt;Lizenziert unter der GNU GPL Version 3 oder neuer.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <source>Reloading knowledge…</source>
        <translation>Wissen wird neu geladen…</translation>
    </message>
    <message>
        <source>Settings saved.</source>
        <translation>Einstellungen gespeichert.</translation>
    </message>
    <message>
        <source>Signed out — File ▸ Sign in…</source>
        <translation>Abgemeldet – Datei ▸ Anmelden…</translation>
    </message>
    <message>
        <source>Corrections are queued until you sign in to %1 again.</source>
        <translation>Korrekturen werden gesammelt, bis Sie sich wieder bei %1 anmelden.</translation>
    </message>
    <message>
        <source>Offline — queued</source>
        <translation>Offline – in Warteschlange</translation>
    </message>
    <message>
        <source>%1 cannot be reached; corrections are queued and sent when it is back.</source>
        <translation>%1 ist nicht erreichbar; Korrekturen werden gesammelt und gesendet, sobald der Server wieder da ist.</translation>
    </message>
    <message>
        <source>Online — %1</source>
        <translation>Online – %1</translation>
    </message>
    <message>
        <source>Synced with %1</source>
        <translation>Mit %1 synchronisiert</translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation>Synchronisierung…</translation>
    </message>
    <message>
        <source>Exchanging changes with %1</source>
        <translation>Änderungen werden mit %1 ausgetauscht</translation>
    </message>
    <message>
        <source>Sign &amp;in…</source>
        <translation>&amp;Anmelden…</translation>
    </message>
    <message>
        <source>Sign &amp;out</source>
        <translation>Ab&amp;melden</translation>
    </message>
    <message>
        <source>Last sync: %1</source>
        <translation>Letzte Synchronisierung: %1</translation>
    </message>
    <message>
        <source>Sign in as someone &amp;else…</source>
        <translation>Als &amp;jemand anderes anmelden…</translation>
    </message>
    <message>
        <source>Placeholders left</source>
        <translation>Platzhalter übrig</translation>
    </message>
    <message>
        <source>The reply still has placeholders to fill: %1. Send anyway?</source>
        <translation>Die Antwort enthält noch auszufüllende Platzhalter: %1. Trotzdem senden?</translation>
    </message>
    <message>
        <source>&amp;Send anyway</source>
        <translation>Trotzdem &amp;senden</translation>
    </message>
    <message>
        <source>&amp;Go back</source>
        <translation>&amp;Zurück</translation>
    </message>
    <message>
        <source>Down or Enter moves into the results</source>
        <translation>Pfeil nach unten oder Eingabe springt in die Ergebnisse</translation>
    </message>
    <message>
        <source>No tickets in this view. Change the filters above to see more.</source>
        <translation>Keine Tickets in dieser Ansicht. Ändern Sie die Filter oben, um mehr zu sehen.</translation>
    </message>
    <message>
        <source>No tickets match “%1”. Check the spelling, search for fewer words or change the filters.</source>
        <translation>Keine Tickets passen zu „%1“. Prüfen Sie die Schreibweise, suchen Sie nach weniger Wörtern oder ändern Sie die Filter.</translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation>&amp;Importieren …</translation>
    </message>
    <message>
        <source>Import knowledge or tickets</source>
        <translation>Wissen oder Tickets importieren</translation>
    </message>
    <message>
        <source>Knowledge, tickets and macros (*.md *.markdown *.html *.htm *.jsonl *.ndjson *.json *.csv *.tsv)</source>
        <translation>Wissen, Tickets und Makros (*.md *.markdown *.html *.htm *.jsonl *.ndjson *.json *.csv *.tsv)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Tickets imported.</source>
        <translation>Tickets importiert.</translation>
    </message>
    <message>
        <source>Imported: drafts will use it in a moment.</source>
        <translation>Importiert: Entwürfe nutzen es gleich.</translation>
    </message>
</context>
<context>
    <name>understudy::app::MessageBar</name>
    <message>
        <source>Messages</source>
        <translation>Meldungen</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Dismiss message</source>
        <translation>Meldung schließen</translation>
    </message>
    <message>
        <source>%1 (×%2)</source>
        <translation>%1 (×%2)</translation>
    </message>
</context>
<context>
    <name>understudy::app::QueueModel</name>
    <message>
        <source>Cannot read the queue: %1</source>
        <translation>Die Warteschlange kann nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>Cannot read ticket %1: %2</source>
        <translation>Ticket %1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>Cannot read more of the queue: %1</source>
        <translation>Weitere Einträge der Warteschlange können nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 Min.</translation>
    </message>
    <message>
        <source>%1 h</source>
        <translation>%1 Std.</translation>
    </message>
    <message>
        <source>%1 d</source>
        <translation>%1 T.</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Offen</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>Wartend</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>Gelöst</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Geschlossen</translation>
    </message>
    <message>
        <source>Free</source>
        <translation>Free</translation>
    </message>
    <message>
        <source>Pro</source>
        <translation>Pro</translation>
    </message>
    <message>
        <source>Enterprise</source>
        <translation>Enterprise</translation>
    </message>
    <message>
        <source>(no subject)</source>
        <translation>(kein Betreff)</translation>
    </message>
    <message>
        <source>Low confidence: %1%</source>
        <translation>Geringe Sicherheit: %1 %</translation>
    </message>
    <message>
        <source>Confidence: %1%</source>
        <translation>Sicherheit: %1 %</translation>
    </message>
    <message>
        <source>confidence %1 percent</source>
        <translation>Sicherheit %1 Prozent</translation>
    </message>
    <message>
        <source>no draft yet</source>
        <translation>noch kein Entwurf</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Betreff</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Kunde</translation>
    </message>
    <message>
        <source>Tier</source>
        <translation>Tarif</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>Wartezeit</translation>
    </message>
    <message>
        <source>Confidence</source>
        <translation>Sicherheit</translation>
    </message>
    <message>
        <source>%1 Escalated: the latest draft routes this ticket to a human</source>
        <translation>%1 Eskaliert: Der neueste Entwurf leitet dieses Ticket an einen Menschen weiter</translation>
    </message>
    <message>
        <source>%1 Escalated: an agent handed this ticket to a human</source>
        <translation>%1 Eskaliert: Ein Agent hat dieses Ticket an einen Menschen übergeben</translation>
    </message>
    <message>
        <source>%1 Flagged: an agent flagged a draft of this ticket as a bad answer</source>
        <translation>%1 Gemeldet: Ein Agent hat einen Entwurf dieses Tickets als schlechte Antwort gemeldet</translation>
    </message>
    <message>
        <source>escalated</source>
        <translation>eskaliert</translation>
    </message>
    <message>
        <source>flagged as a bad answer</source>
        <translation>als schlechte Antwort gemeldet</translation>
    </message>
    <message>
        <source>%1 escalated to a human · %2 a draft flagged as a bad answer</source>
        <translation>%1 an einen Menschen eskaliert · %2 ein Entwurf als schlechte Antwort gemeldet</translation>
    </message>
</context>
<context>
    <name>understudy::app::RejectDialog</name>
    <message>
        <source>Reject draft</source>
        <translation>Entwurf ablehnen</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <source>Wrong answer</source>
        <translation>Falsche Antwort</translation>
    </message>
    <message>
        <source>Outdated information</source>
        <translation>Veraltete Informationen</translation>
    </message>
    <message>
        <source>Wrong tone</source>
        <translation>Falscher Ton</translation>
    </message>
    <message>
        <source>Missing information</source>
        <translation>Fehlende Informationen</translation>
    </message>
    <message>
        <source>Should have escalated</source>
        <translation>Hätte eskaliert werden müssen</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Sonstiges</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Notiz</translation>
    </message>
    <message>
        <source>What was wrong? (required for Other)</source>
        <translation>Was war falsch? (Pflicht bei „Sonstiges“)</translation>
    </message>
    <message>
        <source>Reject</source>
        <translation>Ablehnen</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>&amp;Grund:</translation>
    </message>
    <message>
        <source>&amp;Note:</source>
        <translation>&amp;Notiz:</translation>
    </message>
</context>
<context>
    <name>understudy::app::SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>Low-confidence threshold</source>
        <translation>Schwelle für geringe Sicherheit</translation>
    </message>
    <message>
        <source>Interface language</source>
        <translation>Sprache der Oberfläche</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>Systemstandard</translation>
    </message>
    <message>
        <source>&amp;Low confidence below:</source>
        <translation>&amp;Geringe Sicherheit unter:</translation>
    </message>
    <message>
        <source>Interface &amp;language:</source>
        <translation>&amp;Sprache der Oberfläche:</translation>
    </message>
    <message>
        <source>A new language applies at the next start.</source>
        <translation>Eine neue Sprache gilt ab dem nächsten Start.</translation>
    </message>
    <message>
        <source>Settings — could not save: %1</source>
        <translation>Einstellungen – Speichern fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Colour theme</source>
        <translation>Farbschema</translation>
    </message>
    <message>
        <source>System</source>
        <translation>System</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Hell</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Dunkel</translation>
    </message>
    <message>
        <source>&amp;Theme:</source>
        <translation>&amp;Farbschema:</translation>
    </message>
    <message>
        <source>C&amp;hoose file…</source>
        <translation>Datei &amp;wählen…</translation>
    </message>
    <message>
        <source>Choose a voice profile file</source>
        <translation>Eine Stilprofil-Datei wählen</translation>
    </message>
    <message>
        <source>A JSON file with the team&apos;s greetings, sign-off and stock sentences per language</source>
        <translation>Eine JSON-Datei mit Begrüßungen, Grußformel und Standardsätzen des Teams pro Sprache</translation>
    </message>
    <message>
        <source>&amp;Default</source>
        <translation>Stan&amp;dard</translation>
    </message>
    <message>
        <source>Use the default voice</source>
        <translation>Den Standardstil verwenden</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts…</source>
        <translation>&amp;Tastenkürzel…</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <source>&amp;Voice profile:</source>
        <translation>Stil&amp;profil:</translation>
    </message>
    <message>
        <source>Default voice</source>
        <translation>Standardstil</translation>
    </message>
    <message>
        <source>custom</source>
        <translation>eigenes</translation>
    </message>
    <message>
        <source>%1 (from %2)</source>
        <translation>%1 (aus %2)</translation>
    </message>
    <message>
        <source>Choose a voice profile</source>
        <translation>Stilprofil wählen</translation>
    </message>
    <message>
        <source>Voice profiles (*.json);;All files (*)</source>
        <translation>Stilprofile (*.json);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>%1 is larger than 1 MB: not a voice profile</source>
        <translation>%1 ist größer als 1 MB: kein Stilprofil</translation>
    </message>
    <message>
        <source>%1 is not a usable voice profile: %2</source>
        <translation>%1 ist kein verwendbares Stilprofil: %2</translation>
    </message>
    <message>
        <source>Sign-off name</source>
        <translation>Name in der Grußformel</translation>
    </message>
    <message>
        <source>The name the reply signs off with</source>
        <translation>Der Name, mit dem die Antwort unterschrieben wird</translation>
    </message>
    <message>
        <source>The name the reply signs off with. Your actions are recorded under the account you are signed in with.</source>
        <translation>Der Name, mit dem die Antwort unterschrieben wird. Ihre Aktionen werden unter dem Konto erfasst, mit dem Sie angemeldet sind.</translation>
    </message>
    <message>
        <source>&amp;Sign-off name:</source>
        <translation>Name in der &amp;Grußformel:</translation>
    </message>
</context>
<context>
    <name>understudy::app::SourcesModel</name>
    <message>
        <source>Article</source>
        <translation>Artikel</translation>
    </message>
    <message>
        <source>Past reply</source>
        <translation>Frühere Antwort</translation>
    </message>
    <message>
        <source>Macro</source>
        <translation>Makro</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Wertung</translation>
    </message>
    <message>
        <source>Snippet</source>
        <translation>Auszug</translation>
    </message>
</context>
<context>
    <name>understudy::app::SpellChecker</name>
    <message>
        <source>Spell-check is off for %1: no dictionary for it is installed (Debian package %2).</source>
        <translation>Rechtschreibprüfung für %1 ist aus: kein Wörterbuch dafür installiert (Debian-Paket %2).</translation>
    </message>
    <message>
        <source>Spell-check is off for %1: the dictionary %2 cannot be read.</source>
        <translation>Rechtschreibprüfung für %1 ist aus: das Wörterbuch %2 kann nicht gelesen werden.</translation>
    </message>
    <message>
        <source>(no spelling suggestions)</source>
        <translation>(keine Vorschläge)</translation>
    </message>
    <message>
        <source>&amp;Add “%1” to team dictionary</source>
        <translation>„%1“ zum &amp;Team-Wörterbuch hinzufügen</translation>
    </message>
    <message>
        <source>&amp;Ignore “%1”</source>
        <translation>„%1“ &amp;ignorieren</translation>
    </message>
</context>
<context>
    <name>understudy::app::SyncController</name>
    <message>
        <source>Ticket %1 is being handled by %2: your reply was NOT sent to the customer.</source>
        <translation>Ticket %1 wird von %2 bearbeitet: Ihre Antwort wurde NICHT an den Kunden gesendet.</translation>
    </message>
    <message>
        <source>another agent</source>
        <translation>einem anderen Mitarbeiter</translation>
    </message>
    <message>
        <source>The server refused the reply to ticket %1: %2</source>
        <translation>Der Server hat die Antwort auf Ticket %1 abgelehnt: %2</translation>
    </message>
    <message>
        <source>Signed out of %1: %2. Corrections stay queued until you sign in again.</source>
        <translation>Von %1 abgemeldet: %2. Korrekturen bleiben in der Warteschlange, bis Sie sich wieder anmelden.</translation>
    </message>
    <message>
        <source>Working offline: %1. Corrections are queued and sent when the server is back.</source>
        <translation>Offline-Betrieb: %1. Korrekturen werden gesammelt und gesendet, sobald der Server wieder da ist.</translation>
    </message>
    <message>
        <source>Sync failed: %1</source>
        <translation>Synchronisierung fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Cannot read the sync settings: %1</source>
        <translation>Die Synchronisierungseinstellungen können nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>“%1” is not a server address (e.g. http://127.0.0.1:8470)</source>
        <translation>„%1“ ist keine Serveradresse (z. B. http://127.0.0.1:8470)</translation>
    </message>
    <message>
        <source>Enter your name and password.</source>
        <translation>Geben Sie Ihren Namen und Ihr Passwort ein.</translation>
    </message>
    <message>
        <source>Cannot keep the server address: %1</source>
        <translation>Die Serveradresse kann nicht gespeichert werden: %1</translation>
    </message>
    <message>
        <source>Cannot keep the user name: %1</source>
        <translation>Der Benutzername kann nicht gespeichert werden: %1</translation>
    </message>
    <message>
        <source>Cannot keep the role: %1</source>
        <translation>Die Rolle kann nicht gespeichert werden: %1</translation>
    </message>
    <message>
        <source>Signed in for this session only: no desktop keyring is available to remember the sign-in, so you will be asked to sign in again at the next start. To stay signed in, start GNOME Keyring or KWallet in your desktop session (Debian: install the gnome-keyring package, then log in again).</source>
        <translation>Nur für diese Sitzung angemeldet: Kein Schlüsselbund des Desktops kann die Anmeldung speichern, beim nächsten Start werden Sie erneut gefragt. Um angemeldet zu bleiben, starten Sie GNOME Keyring oder KWallet in Ihrer Desktop-Sitzung (Debian: Paket gnome-keyring installieren und neu anmelden).</translation>
    </message>
    <message>
        <source>The desktop keyring cannot be read, so you are signed out. Sign in again (File ▸ Sign in…) for this session, or start GNOME Keyring or KWallet in your desktop session to stay signed in.</source>
        <translation>Der Schlüsselbund des Desktops kann nicht gelesen werden, daher sind Sie abgemeldet. Melden Sie sich für diese Sitzung erneut an (Datei ▸ Anmelden…) oder starten Sie GNOME Keyring oder KWallet in Ihrer Desktop-Sitzung, um angemeldet zu bleiben.</translation>
    </message>
</context>
<context>
    <name>understudy::app::TicketView</name>
    <message>
        <source>Ticket subject</source>
        <translation>Betreff des Tickets</translation>
    </message>
    <message>
        <source>Conversation</source>
        <translation>Unterhaltung</translation>
    </message>
    <message>
        <source>Customer name</source>
        <translation>Name des Kunden</translation>
    </message>
    <message>
        <source>Previous tickets of this customer</source>
        <translation>Frühere Tickets dieses Kunden</translation>
    </message>
    <message>
        <source>What the customer already tried</source>
        <translation>Was der Kunde bereits versucht hat</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Kunde</translation>
    </message>
    <message>
        <source>Previous tickets:</source>
        <translation>Frühere Tickets:</translation>
    </message>
    <message>
        <source>Agent</source>
        <translation>Mitarbeiter</translation>
    </message>
    <message>
        <source>(no subject)</source>
        <translation>(kein Betreff)</translation>
    </message>
    <message>
        <source>Unknown customer</source>
        <translation>Unbekannter Kunde</translation>
    </message>
    <message>
        <source>tier unknown</source>
        <translation>Tarif unbekannt</translation>
    </message>
    <message>
        <source>No previous tickets</source>
        <translation>Keine früheren Tickets</translation>
    </message>
    <message>
        <source>&lt;b&gt;Already tried:&lt;/b&gt; %1</source>
        <translation>&lt;b&gt;Bereits versucht:&lt;/b&gt; %1</translation>
    </message>
    <message>
        <source>Select a ticket in the queue</source>
        <translation>Wählen Sie ein Ticket in der Warteschlange aus</translation>
    </message>
</context>
</TS>
