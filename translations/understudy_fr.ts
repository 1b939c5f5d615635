<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>Launcher</name>
    <message>
        <source>cannot write the screenshot to %1</source>
        <translation>impossible d’écrire la capture d’écran dans %1</translation>
    </message>
    <message>
        <source>no draft within 30 s; no screenshot taken</source>
        <translation>aucun brouillon en 30 s&#xa0;; pas de capture d’écran</translation>
    </message>
    <message>
        <source>the queue is empty; nothing to show (use --demo)</source>
        <translation>la file d’attente est vide&#xa0;; rien à afficher (utilisez --demo)</translation>
    </message>
    <message>
        <source>Understudy: a desktop copilot for support agents.</source>
        <translation>Understudy&#xa0;: un copilote de bureau pour les agents du support.</translation>
    </message>
    <message>
        <source>The local store (default: in the per-user data folder).</source>
        <translation>La base locale (par défaut&#xa0;: dans le dossier de données de l’utilisateur).</translation>
    </message>
    <message>
        <source>Import the bundled demo help centre first if the store is empty.</source>
        <translation>Importer d’abord le centre d’aide de démonstration fourni si la base est vide.</translation>
    </message>
    <message>
        <source>Select a ticket, wait for its draft, save the window as PNG and exit.</source>
        <translation>Sélectionner un ticket, attendre son brouillon, enregistrer la fenêtre en PNG et quitter.</translation>
    </message>
    <message>
        <source>Understudy cannot start</source>
        <translation>Understudy ne peut pas démarrer</translation>
    </message>
    <message>
        <source>cannot import the demo data: %1</source>
        <translation>impossible d’importer les données de démonstration&#xa0;: %1</translation>
    </message>
    <message>
        <source>Print interactive_ms=… once the queue is shown and accepts input.</source>
        <translation>Afficher interactive_ms=… dès que la file d’attente est affichée et accepte les saisies.</translation>
    </message>
    <message>
        <source>With --report-startup: exit right after reporting.</source>
        <translation>Avec --report-startup&#xa0;: quitter juste après l’affichage.</translation>
    </message>
    <message>
        <source>Colour theme for this run: system, light or dark.</source>
        <translation>Thème de couleurs pour ce lancement : system, light ou dark.</translation>
    </message>
    <message>
        <source>The agent&apos;s name (events and sign-off; a sign-in uses the account&apos;s).</source>
        <translation>Le nom de l’agent (événements et formule de politesse ; une fois connecté, celui du compte).</translation>
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
            <numerusform>%n brouillon rejeté sur %1 traités :</numerusform>
            <numerusform>%n brouillons rejetés sur %1 traités :</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: %2 (%3)</source>
        <translation>%1 : %2 (%3)</translation>
    </message>
    <message>
        <source>%1 draft(s) shown, %2 acted on, %3 regenerated</source>
        <translation>%1 brouillon(s) affiché(s), %2 traité(s), %3 régénéré(s)</translation>
    </message>
    <message>
        <source>Median share of the draft kept in edited sends</source>
        <translation>Part médiane du brouillon conservée dans les envois modifiés</translation>
    </message>
    <message>
        <source>Share of the drafts acted on (sent as is, sent after editing, rejected, flagged or escalated)</source>
        <translation>Part des brouillons traités (envoyés tels quels, envoyés après modification, rejetés, signalés ou escaladés)</translation>
    </message>
    <message>
        <source>Median time from the first draft shown for a ticket to the agent&apos;s send of it (to the second below 10 minutes, to the minute below an hour)</source>
        <translation>Médiane du temps entre le premier brouillon affiché pour un ticket et son envoi par l’agent (à la seconde sous 10 minutes, à la minute sous une heure)</translation>
    </message>
    <message>
        <source>Agent</source>
        <translation>Agent</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>Équipe</translation>
    </message>
    <message>
        <source>Drafts shown</source>
        <translation>Brouillons affichés</translation>
    </message>
    <message>
        <source>Sent as is</source>
        <translation>Envoyés tels quels</translation>
    </message>
    <message>
        <source>Sent after edit</source>
        <translation>Envoyés après modification</translation>
    </message>
    <message>
        <source>Median kept</source>
        <translation>Part conservée (médiane)</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>Rejetés</translation>
    </message>
    <message>
        <source>Flagged</source>
        <translation>Signalés</translation>
    </message>
    <message>
        <source>Escalated</source>
        <translation>Escaladés</translation>
    </message>
    <message>
        <source>Mean confidence</source>
        <translation>Confiance moyenne</translation>
    </message>
    <message>
        <source>Acceptance</source>
        <translation>Acceptation</translation>
    </message>
    <message>
        <source>Median open → send</source>
        <translation>Médiane ouverture → envoi</translation>
    </message>
    <message>
        <source>under 1 s</source>
        <translation>moins d’1 s</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 min</translation>
    </message>
</context>
<context>
    <name>understudy::app::DeliveryState</name>
    <message>
        <source>Cannot read the replies&apos; delivery: %1</source>
        <translation>Impossible de lire la livraison des réponses : %1</translation>
    </message>
    <message>
        <source>Reply of %1: delivered to %2</source>
        <translation>Réponse du %1 : livrée à %2</translation>
    </message>
    <message>
        <source>Reply of %1: not delivered to %2 — %3</source>
        <translation>Réponse du %1 : non livrée à %2 — %3</translation>
    </message>
    <message>
        <source>Reply of %1: will be retried after %2 (attempt %3 failed — %4)</source>
        <translation>Réponse du %1 : nouvel essai après %2 (l’essai %3 a échoué — %4)</translation>
    </message>
    <message>
        <source>Reply of %1: queued again for %2 (last try failed — %3)</source>
        <translation>Réponse du %1 : remise en file pour %2 (le dernier essai a échoué — %3)</translation>
    </message>
    <message>
        <source>Reply of %1: queued for %2</source>
        <translation>Réponse du %1 : en file pour %2</translation>
    </message>
    <message>
        <source>Reply of %1: delivered to the server</source>
        <translation>Réponse du %1 : livrée au serveur</translation>
    </message>
    <message>
        <source>Reply of %1: not sent — the ticket was claimed by %2</source>
        <translation>Réponse du %1 : non envoyée — le ticket a été pris par %2</translation>
    </message>
    <message>
        <source>Reply of %1: refused by the server — %2</source>
        <translation>Réponse du %1 : refusée par le serveur — %2</translation>
    </message>
    <message>
        <source>Reply of %1: queued for the server</source>
        <translation>Réponse du %1 : en file pour le serveur</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Réessayer</translation>
    </message>
    <message>
        <source>Queue this reply again; the next delivery run tries it</source>
        <translation>Remettre cette réponse en file ; la prochaine livraison l’essaiera</translation>
    </message>
    <message>
        <source>Cannot queue the reply again: %1</source>
        <translation>Impossible de remettre la réponse en file : %1</translation>
    </message>
</context>
<context>
    <name>understudy::app::DraftController</name>
    <message>
        <source>The drafting engine could not start: %1</source>
        <translation>Le moteur de rédaction n’a pas pu démarrer&#xa0;: %1</translation>
    </message>
    <message>
        <source>Cannot open ticket %1</source>
        <translation>Impossible d’ouvrir le ticket %1</translation>
    </message>
    <message>
        <source>Ticket %1 is no longer in the local store.</source>
        <translation>Le ticket %1 n’est plus dans la base locale.</translation>
    </message>
    <message>
        <source>No draft for %1: %2</source>
        <translation>Aucun brouillon pour %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>The draft could not be saved</source>
        <translation>Le brouillon n’a pas pu être enregistré</translation>
    </message>
    <message>
        <source>Could not record the %1 event</source>
        <translation>Impossible d’enregistrer l’événement «&#xa0;%1&#xa0;»</translation>
    </message>
    <message>
        <source>escalated by the agent</source>
        <translation>escaladé par l’agent</translation>
    </message>
    <message>
        <source>Cannot read ticket %1 again</source>
        <translation>Impossible de relire le ticket %1</translation>
    </message>
    <message>
        <source>Cannot read a teammate&apos;s answer</source>
        <translation>Impossible de lire la réponse d’un coéquipier</translation>
    </message>
    <message>
        <source>Cannot read what the team&apos;s corrections taught</source>
        <translation>Impossible de lire ce qu’ont appris les corrections de l’équipe</translation>
    </message>
    <message>
        <source>Cannot check the store for new knowledge</source>
        <translation>Impossible de vérifier si le stockage contient de nouvelles connaissances</translation>
    </message>
    <message>
        <source>Cannot read the stored draft of %1</source>
        <translation>Impossible de lire le brouillon enregistré de %1</translation>
    </message>
    <message>
        <source>Cannot read the correction log</source>
        <translation>Impossible de lire le journal des corrections</translation>
    </message>
</context>
<context>
    <name>understudy::app::DraftPanel</name>
    <message>
        <source>Insert &amp;link</source>
        <translation>Insérer le &amp;lien</translation>
    </message>
    <message>
        <source>Escalation</source>
        <translation>Escalade</translation>
    </message>
    <message>
        <source>Confidence</source>
        <translation>Confiance</translation>
    </message>
    <message>
        <source>Why?</source>
        <translation>Pourquoi&#xa0;?</translation>
    </message>
    <message>
        <source>Show the reasons behind the confidence</source>
        <translation>Afficher les raisons de ce niveau de confiance</translation>
    </message>
    <message>
        <source>Reply</source>
        <translation>Réponse</translation>
    </message>
    <message>
        <source>The suggested reply appears here.</source>
        <translation>La réponse suggérée apparaît ici.</translation>
    </message>
    <message>
        <source>Sources</source>
        <translation>Sources</translation>
    </message>
    <message>
        <source>Double-click to open an article in the knowledge-base browser</source>
        <translation>Double-cliquez pour ouvrir un article dans le navigateur de la base de connaissances</translation>
    </message>
    <message>
        <source>Insert the selected source&apos;s link into the reply</source>
        <translation>Insérer le lien de la source sélectionnée dans la réponse</translation>
    </message>
    <message>
        <source>&lt;b&gt;Sources&lt;/b&gt;</source>
        <translation>&lt;b&gt;Sources&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Select a ticket to see the suggested reply.</source>
        <translation>Sélectionnez un ticket pour voir la réponse suggérée.</translation>
    </message>
    <message>
        <source>Drafting a reply…</source>
        <translation>Rédaction d’une réponse…</translation>
    </message>
    <message>
        <source>No draft: %1</source>
        <translation>Aucun brouillon&#xa0;: %1</translation>
    </message>
    <message>
        <source>&lt;b style=&quot;color:%1&quot;&gt;%2% · low&lt;/b&gt;</source>
        <translation>&lt;b style=&quot;color:%1&quot;&gt;%2&#xa0;% · faible&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b style=&quot;color:%1&quot;&gt;%2%&lt;/b&gt;</source>
        <translation>&lt;b style=&quot;color:%1&quot;&gt;%2&#xa0;%&lt;/b&gt;</translation>
    </message>
    <message>
        <source>intent: %1 (%2%)</source>
        <translation>intention&#xa0;: %1 (%2&#xa0;%)</translation>
    </message>
    <message>
        <source>&lt;b&gt;Escalate to a human:&lt;/b&gt; %1&lt;br/&gt;The draft below is a suggested hand-off.</source>
        <translation>&lt;b&gt;Escalader vers un humain&#xa0;:&lt;/b&gt; %1&lt;br/&gt;Le brouillon ci-dessous est une proposition de transfert.</translation>
    </message>
    <message>
        <source>⚠ Low confidence: check this reply carefully before sending.</source>
        <translation>⚠ Confiance faible&#xa0;: vérifiez attentivement cette réponse avant de l’envoyer.</translation>
    </message>
    <message>
        <source>Suggested reply — edit it freely before sending.</source>
        <translation>Réponse suggérée — modifiez-la librement avant de l’envoyer.</translation>
    </message>
    <message>
        <source>Sending… (undo with Ctrl+Z)</source>
        <translation>Envoi… (annuler avec Ctrl+Z)</translation>
    </message>
    <message>
        <source>Done with this draft. Regenerate for a new one.</source>
        <translation>Ce brouillon est traité. Régénérez-en un nouveau si besoin.</translation>
    </message>
    <message>
        <source>Reply language</source>
        <translation>Langue de la réponse</translation>
    </message>
    <message numerus="yes">
        <source>%n passage(s) marked to check: hover over them to see why.</source>
        <translation>
            <numerusform>%n passage à vérifier est marqué : survolez-le pour savoir pourquoi.</numerusform>
            <numerusform>%n passages à vérifier sont marqués : survolez-les pour savoir pourquoi.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>understudy::app::DraftText</name>
    <message>
        <source>Reuses a past reply to a similar question (similarity %1)</source>
        <translation>Reprend une réponse passée à une question similaire (similarité %1)</translation>
    </message>
    <message>
        <source>Built from the article &quot;%1&quot; (similarity %2)</source>
        <translation>Rédigé à partir de l’article « %1 » (similarité %2)</translation>
    </message>
    <message>
        <source>Built from the macro &quot;%1&quot;</source>
        <translation>Rédigé à partir de la macro « %1 »</translation>
    </message>
    <message>
        <source>Nothing in the knowledge base or past replies fits this question well: needs a human</source>
        <translation>Rien dans la base de connaissances ni dans les réponses passées ne correspond bien à cette question : un humain doit répondre</translation>
    </message>
    <message>
        <source>No known topic fits this question well: needs a human</source>
        <translation>Aucun sujet connu ne correspond bien à cette question : un humain doit répondre</translation>
    </message>
    <message>
        <source>Similar past tickets agree on the topic &quot;%1&quot; (%2)</source>
        <translation>Les tickets passés similaires s’accordent sur le sujet « %1 » (%2)</translation>
    </message>
    <message>
        <source>Similar past tickets disagree on the topic (&quot;%1&quot; only %2)</source>
        <translation>Les tickets passés similaires divergent sur le sujet (« %1 » seulement %2)</translation>
    </message>
    <message>
        <source>The source article is marked deprecated and may be out of date</source>
        <translation>L’article source est marqué obsolète et n’est peut-être plus à jour</translation>
    </message>
    <message>
        <source>Agents often rejected or flagged drafts built on this source</source>
        <translation>Les agents ont souvent rejeté ou signalé les brouillons fondés sur cette source</translation>
    </message>
    <message numerus="yes">
        <source>Confidence calibrated on %n past draft(s) the team acted on</source>
        <translation>
            <numerusform>Confiance calibrée sur %n brouillon passé traité par l’équipe</numerusform>
            <numerusform>Confiance calibrée sur %n brouillons passés traités par l’équipe</numerusform>
        </translation>
    </message>
    <message>
        <source>Only part of the question is covered by the source</source>
        <translation>La source ne couvre qu’une partie de la question</translation>
    </message>
    <message>
        <source>Fill in before sending: %1</source>
        <translation>À compléter avant l’envoi : %1</translation>
    </message>
    <message numerus="yes">
        <source>Left out %n step(s) the customer already tried</source>
        <translation>
            <numerusform>%n étape déjà essayée par le client a été omise</numerusform>
            <numerusform>%n étapes déjà essayées par le client ont été omises</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Left out %n sentence(s) of a past reply that said what was done for another customer</source>
        <translation>
            <numerusform>%n phrase d’une réponse passée a été omise : elle disait ce qui avait été fait pour un autre client</numerusform>
            <numerusform>%n phrases d’une réponse passée ont été omises : elles disaient ce qui avait été fait pour un autre client</numerusform>
        </translation>
    </message>
    <message>
        <source>Escalation: %1</source>
        <translation>Escalade : %1</translation>
    </message>
    <message>
        <source>angry or negative words</source>
        <translation>mots de colère ou négatifs</translation>
    </message>
    <message>
        <source>threatens to cancel or go public</source>
        <translation>menace de résilier ou de rendre l’affaire publique</translation>
    </message>
    <message>
        <source>repeat contact</source>
        <translation>contact répété</translation>
    </message>
    <message>
        <source>shouting</source>
        <translation>écrit en majuscules</translation>
    </message>
    <message>
        <source>repeated punctuation</source>
        <translation>ponctuation répétée</translation>
    </message>
    <message>
        <source>The customer sounds frustrated (%1)</source>
        <translation>Le client semble frustré (%1)</translation>
    </message>
    <message>
        <source>No source in %1: the answer is in %2 (translate or check before sending)</source>
        <translation>Aucune source en %1 : la réponse est en %2 (à traduire ou vérifier avant l’envoi)</translation>
    </message>
    <message numerus="yes">
        <source>The question has %n part(s), answered from separate sources</source>
        <translation>
            <numerusform>La question a %n partie, traitée à partir de sources distinctes</numerusform>
            <numerusform>La question a %n parties, traitées à partir de sources distinctes</numerusform>
        </translation>
    </message>
    <message>
        <source>Read as a follow-up to the earlier messages in the conversation</source>
        <translation>Lu comme la suite des messages précédents de la conversation</translation>
    </message>
    <message>
        <source>Fill this in before sending</source>
        <translation>À compléter avant l’envoi</translation>
    </message>
    <message>
        <source>States an action taken for the customer: make sure it was done</source>
        <translation>Affirme qu’une action a été faite pour le client : vérifiez qu’elle l’a bien été</translation>
    </message>
    <message>
        <source>Not backed by a source: check it</source>
        <translation>Appuyé par aucune source : à vérifier</translation>
    </message>
    <message>
        <source>Not in the customer&apos;s language</source>
        <translation>Pas dans la langue du client</translation>
    </message>
    <message>
        <source>Check this before sending</source>
        <translation>À vérifier avant l’envoi</translation>
    </message>
    <message>
        <source>Possible account compromise or security incident: a security specialist must handle it</source>
        <translation>Compte peut-être compromis ou incident de sécurité : un spécialiste de la sécurité doit s’en charger</translation>
    </message>
    <message>
        <source>Legal, privacy or data-deletion request: a privacy specialist must reply</source>
        <translation>Demande juridique, de confidentialité ou de suppression de données : un spécialiste de la protection des données doit répondre</translation>
    </message>
    <message>
        <source>Billing dispute or chargeback: a billing specialist must handle it</source>
        <translation>Litige de facturation ou rétrofacturation : un spécialiste de la facturation doit s’en charger</translation>
    </message>
    <message>
        <source>Refund request: refunds are approved by a human</source>
        <translation>Demande de remboursement : les remboursements sont approuvés par un humain</translation>
    </message>
    <message>
        <source>The customer is very frustrated: a human should answer personally</source>
        <translation>Le client est très frustré : un humain doit répondre personnellement</translation>
    </message>
    <message>
        <source>Enterprise customer: their success team answers first</source>
        <translation>Client Enterprise : son équipe de suivi client répond en premier</translation>
    </message>
    <message>
        <source>English</source>
        <translation>anglais</translation>
    </message>
    <message>
        <source>German</source>
        <translation>allemand</translation>
    </message>
    <message>
        <source>French</source>
        <translation>français</translation>
    </message>
    <message>
        <source>Spanish</source>
        <translation>espagnol</translation>
    </message>
    <message>
        <source>Italian</source>
        <translation>italien</translation>
    </message>
    <message>
        <source>Dutch</source>
        <translation>néerlandais</translation>
    </message>
    <message>
        <source>Portuguese</source>
        <translation>portugais</translation>
    </message>
    <message>
        <source>No source in %1: the answer below is in %2 — translate or check before sending</source>
        <translation>Aucune source en %1 : la réponse ci-dessous est en %2 — traduisez-la ou vérifiez-la avant l’envoi</translation>
    </message>
    <message>
        <source>No source in the customer&apos;s language: the answer below is in %1 — translate or check before sending</source>
        <translation>Aucune source dans la langue du client : la réponse ci-dessous est en %1 — traduisez-la ou vérifiez-la avant l’envoi</translation>
    </message>
    <message>
        <source>No source in the customer&apos;s language: check the language of the answer below before sending</source>
        <translation>Aucune source dans la langue du client : vérifiez la langue de la réponse ci-dessous avant l’envoi</translation>
    </message>
</context>
<context>
    <name>understudy::app::FlagReasonBar</name>
    <message>
        <source>Flagged as a bad answer. Why? (optional)</source>
        <translation>Signalée comme mauvaise réponse. Pourquoi ? (facultatif)</translation>
    </message>
    <message>
        <source>Why the draft is a bad answer</source>
        <translation>Pourquoi le brouillon est une mauvaise réponse</translation>
    </message>
    <message>
        <source>Choose a reason…</source>
        <translation>Choisir une raison…</translation>
    </message>
    <message>
        <source>Keep the flag without a reason</source>
        <translation>Garder le signalement sans raison</translation>
    </message>
    <message>
        <source>Skip the reason</source>
        <translation>Passer la raison</translation>
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
        <translation>Brouillons affichés : %1 ; confiance moyenne %2</translation>
    </message>
    <message>
        <source>Low confidence + no source + rejected + 2 × flagged</source>
        <translation>Confiance faible + sans source + rejetés + 2 × signalés</translation>
    </message>
    <message>
        <source>Every reject of a draft built on this source, outdated information included</source>
        <translation>Tous les rejets de brouillons fondés sur cette source, informations obsolètes comprises</translation>
    </message>
    <message>
        <source>Topic</source>
        <translation>Sujet</translation>
    </message>
    <message>
        <source>Drafts</source>
        <translation>Brouillons</translation>
    </message>
    <message>
        <source>Low confidence</source>
        <translation>Confiance faible</translation>
    </message>
    <message>
        <source>No source</source>
        <translation>Sans source</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>Rejetés</translation>
    </message>
    <message>
        <source>Flagged</source>
        <translation>Signalés</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>Problèmes</translation>
    </message>
    <message>
        <source>Examples</source>
        <translation>Exemples</translation>
    </message>
    <message>
        <source>Reviewed</source>
        <translation>Vérifié</translation>
    </message>
    <message>
        <source>Article</source>
        <translation>Article</translation>
    </message>
    <message>
        <source>Flags</source>
        <translation>Signalements</translation>
    </message>
    <message>
        <source>Outdated rejects</source>
        <translation>Rejets pour obsolescence</translation>
    </message>
    <message>
        <source>Rejects</source>
        <translation>Rejets</translation>
    </message>
</context>
<context>
    <name>understudy::app::ImportDialog</name>
    <message>
        <source>Articles: Markdown with front matter, HTML, JSONL (one article per line) or a Zendesk Help Center export (.json); a folder is read whole. Articles are matched by id; those a file no longer has are marked removed.</source>
        <translation>Articles : Markdown avec en-tête, HTML, JSONL (un article par ligne) ou un export du centre d&apos;aide Zendesk (.json) ; un dossier est lu en entier. Les articles sont rapprochés par identifiant ; ceux qu&apos;un fichier n&apos;a plus sont marqués comme retirés.</translation>
    </message>
    <message>
        <source>Tickets: JSONL, CSV or TSV (a &quot;text&quot; column with the customer&apos;s message), a Zendesk tickets export or labelled pairs (.json). Resolved tickets with a reply teach the drafts.</source>
        <translation>Tickets : JSONL, CSV ou TSV (une colonne « text » avec le message du client), un export de tickets Zendesk ou des paires étiquetées (.json). Les tickets résolus avec une réponse nourrissent les brouillons.</translation>
    </message>
    <message>
        <source>Macros: {&quot;macros&quot;: [...]} (.json), as Zendesk exports them.</source>
        <translation>Macros : {&quot;macros&quot;: [...]} (.json), comme Zendesk les exporte.</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>&amp;Importer</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Importer</translation>
    </message>
    <message numerus="yes">
        <source>%1 and %n more</source>
        <translation>
            <numerusform>%1 et %n autre</numerusform>
            <numerusform>%1 et %n autres</numerusform>
        </translation>
    </message>
    <message>
        <source>Import as</source>
        <translation>Importer comme</translation>
    </message>
    <message>
        <source>Knowledge base articles</source>
        <translation>Articles de la base de connaissances</translation>
    </message>
    <message>
        <source>Tickets</source>
        <translation>Tickets</translation>
    </message>
    <message>
        <source>Macros</source>
        <translation>Macros</translation>
    </message>
    <message>
        <source>Import progress</source>
        <translation>Progression de l&apos;import</translation>
    </message>
    <message>
        <source>Files:</source>
        <translation>Fichiers :</translation>
    </message>
    <message>
        <source>Import &amp;as:</source>
        <translation>Importer &amp;comme :</translation>
    </message>
    <message>
        <source>Cancelling… the store is being left as it was.</source>
        <translation>Annulation… le stockage reste tel qu&apos;il était.</translation>
    </message>
    <message>
        <source>Reading the files…</source>
        <translation>Lecture des fichiers…</translation>
    </message>
    <message numerus="yes">
        <source>Importing %1 of %n record(s)…</source>
        <translation>
            <numerusform>Import de %1 sur %n enregistrement…</numerusform>
            <numerusform>Import de %1 sur %n enregistrements…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: %n article(s) (%2 added, %3 updated, %4 unchanged, %5 marked removed)</source>
        <translation>
            <numerusform>%1 : %n article (%2 ajoutés, %3 mis à jour, %4 inchangés, %5 marqués retirés)</numerusform>
            <numerusform>%1 : %n articles (%2 ajoutés, %3 mis à jour, %4 inchangés, %5 marqués retirés)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: %n ticket(s) (%2 added, %3 updated, %4 answer-bank entries)</source>
        <translation>
            <numerusform>%1 : %n ticket (%2 ajoutés, %3 mis à jour, %4 entrées de la banque de réponses)</numerusform>
            <numerusform>%1 : %n tickets (%2 ajoutés, %3 mis à jour, %4 entrées de la banque de réponses)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: %n macro(s) (%2 added, %3 updated, %4 unchanged)</source>
        <translation>
            <numerusform>%1 : %n macro (%2 ajoutées, %3 mises à jour, %4 inchangées)</numerusform>
            <numerusform>%1 : %n macros (%2 ajoutées, %3 mises à jour, %4 inchangées)</numerusform>
        </translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <source>Imported.</source>
        <translation>Importé.</translation>
    </message>
    <message>
        <source>Nothing was imported: %1</source>
        <translation>Rien n&apos;a été importé : %1</translation>
    </message>
    <message>
        <source>Import cancelled: nothing was imported.</source>
        <translation>Import annulé : rien n&apos;a été importé.</translation>
    </message>
</context>
<context>
    <name>understudy::app::KnowledgeBrowser</name>
    <message>
        <source>Knowledge base</source>
        <translation>Base de connaissances</translation>
    </message>
    <message>
        <source>Search the knowledge base</source>
        <translation>Rechercher dans la base de connaissances</translation>
    </message>
    <message>
        <source>Search articles (works offline)…</source>
        <translation>Rechercher des articles (fonctionne hors ligne)…</translation>
    </message>
    <message>
        <source>Search results</source>
        <translation>Résultats de la recherche</translation>
    </message>
    <message>
        <source>Article</source>
        <translation>Article</translation>
    </message>
    <message>
        <source>Type to search the cached articles.</source>
        <translation>Tapez pour rechercher dans les articles en cache.</translation>
    </message>
    <message>
        <source>Search failed.</source>
        <translation>La recherche a échoué.</translation>
    </message>
    <message>
        <source>Knowledge-base search failed: %1</source>
        <translation>La recherche dans la base de connaissances a échoué&#xa0;: %1</translation>
    </message>
    <message>
        <source>No articles match “%1”.</source>
        <translation>Aucun article ne correspond à «&#xa0;%1&#xa0;».</translation>
    </message>
    <message numerus="yes">
        <source>%n match(es)</source>
        <translation>
            <numerusform>%n résultat</numerusform>
            <numerusform>%n résultats</numerusform>
        </translation>
    </message>
    <message>
        <source>Cannot open article %1: %2</source>
        <translation>Impossible d’ouvrir l’article %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>Article %1 is not in the local knowledge base.</source>
        <translation>L’article %1 n’est pas dans la base de connaissances locale.</translation>
    </message>
    <message>
        <source>This article is marked %1.</source>
        <translation>Cet article est marqué «&#xa0;%1&#xa0;».</translation>
    </message>
    <message>
        <source>Choose an article on the left, or type above to search the knowledge base.</source>
        <translation>Choisissez un article à gauche, ou tapez ci-dessus pour chercher dans la base de connaissances.</translation>
    </message>
    <message>
        <source>Search by a few words of the customer&apos;s question, e.g. &lt;i&gt;export csv&lt;/i&gt; or &lt;i&gt;reset password&lt;/i&gt;. Select a ticket first to see the articles behind its draft here.</source>
        <translation>Cherchez avec quelques mots de la question du client, p. ex. &lt;i&gt;export csv&lt;/i&gt; ou &lt;i&gt;réinitialiser mot de passe&lt;/i&gt;. Sélectionnez d’abord un ticket pour voir ici les articles de son brouillon.</translation>
    </message>
    <message>
        <source>Articles behind the current draft — or type to search.</source>
        <translation>Articles du brouillon actuel — ou tapez pour chercher.</translation>
    </message>
</context>
<context>
    <name>understudy::app::LeadController</name>
    <message>
        <source>The server refused the figures: %1</source>
        <translation>Le serveur a refusé les chiffres : %1</translation>
    </message>
    <message>
        <source>This server does not offer these figures yet (%1).</source>
        <translation>Ce serveur ne propose pas encore ces chiffres (%1).</translation>
    </message>
    <message>
        <source>the server cannot be reached (%1); try again when online</source>
        <translation>le serveur est injoignable (%1) ; réessayez une fois en ligne</translation>
    </message>
</context>
<context>
    <name>understudy::app::LeadView</name>
    <message>
        <source>Fixed the article</source>
        <translation>Article corrigé</translation>
    </message>
    <message>
        <source>Bad retrieval</source>
        <translation>Mauvaise recherche de sources</translation>
    </message>
    <message>
        <source>Agent error</source>
        <translation>Erreur de l&apos;agent</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Chargement…</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Actualiser</translation>
    </message>
    <message>
        <source>Flag resolved.</source>
        <translation>Signalement résolu.</translation>
    </message>
    <message>
        <source>Cannot resolve the flag: %1</source>
        <translation>Impossible de résoudre le signalement : %1</translation>
    </message>
    <message>
        <source>Offline notice</source>
        <translation>Avis hors ligne</translation>
    </message>
    <message>
        <source>&amp;From</source>
        <translation>&amp;Du</translation>
    </message>
    <message>
        <source>First day</source>
        <translation>Premier jour</translation>
    </message>
    <message>
        <source>&amp;To</source>
        <translation>&amp;Au</translation>
    </message>
    <message>
        <source>Last day</source>
        <translation>Dernier jour</translation>
    </message>
    <message>
        <source>T&amp;eam</source>
        <translation>É&amp;quipe</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>Équipe</translation>
    </message>
    <message>
        <source>All teams</source>
        <translation>Toutes les équipes</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Actualiser</translation>
    </message>
    <message>
        <source>E&amp;xport CSV…</source>
        <translation>E&amp;xporter en CSV…</translation>
    </message>
    <message>
        <source>Export CSV</source>
        <translation>Exporter en CSV</translation>
    </message>
    <message>
        <source>Statistics</source>
        <translation>Statistiques</translation>
    </message>
    <message>
        <source>Figures per agent</source>
        <translation>Chiffres par agent</translation>
    </message>
    <message>
        <source>&amp;Agents</source>
        <translation>&amp;Agents</translation>
    </message>
    <message>
        <source>Figures &amp;for</source>
        <translation>Chiffres &amp;pour</translation>
    </message>
    <message>
        <source>Agent shown in the charts</source>
        <translation>Agent affiché dans les graphiques</translation>
    </message>
    <message>
        <source>Whole team</source>
        <translation>Toute l&apos;équipe</translation>
    </message>
    <message>
        <source>Weekly trends</source>
        <translation>Tendances hebdomadaires</translation>
    </message>
    <message>
        <source>Weekly acceptance, edit size, flags and escalations</source>
        <translation>Acceptation, ampleur des modifications, signalements et escalades par semaine</translation>
    </message>
    <message>
        <source>&amp;Trends</source>
        <translation>&amp;Tendances</translation>
    </message>
    <message>
        <source>Calibration</source>
        <translation>Calibrage</translation>
    </message>
    <message>
        <source>Displayed confidence against observed acceptance</source>
        <translation>Confiance affichée face à l’acceptation observée</translation>
    </message>
    <message>
        <source>&amp;Calibration</source>
        <translation>&amp;Calibrage</translation>
    </message>
    <message>
        <source>Open flags</source>
        <translation>Signalements ouverts</translation>
    </message>
    <message>
        <source>Flagged draft and its sources</source>
        <translation>Brouillon signalé et ses sources</translation>
    </message>
    <message>
        <source>Resolution</source>
        <translation>Résolution</translation>
    </message>
    <message>
        <source>Re&amp;solution</source>
        <translation>Ré&amp;solution</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>What was done (optional)</source>
        <translation>Ce qui a été fait (facultatif)</translation>
    </message>
    <message>
        <source>&amp;Note</source>
        <translation>&amp;Note</translation>
    </message>
    <message>
        <source>Re&amp;solve flag</source>
        <translation>Ré&amp;soudre le signalement</translation>
    </message>
    <message>
        <source>Resolve flag</source>
        <translation>Résoudre le signalement</translation>
    </message>
    <message>
        <source>F&amp;lag review</source>
        <translation>Revue des signa&amp;lements</translation>
    </message>
    <message>
        <source>No figures</source>
        <translation>Aucun chiffre</translation>
    </message>
    <message>
        <source>Team statistics</source>
        <translation>Statistiques de l&apos;équipe</translation>
    </message>
    <message>
        <source>My statistics</source>
        <translation>Mes statistiques</translation>
    </message>
    <message>
        <source>The first day is after the last day.</source>
        <translation>Le premier jour est postérieur au dernier jour.</translation>
    </message>
    <message>
        <source>No figures to show yet.

The server cannot be reached and no figures were saved on this computer. Sign in (File ▸ Sign in…) or check the connection, then press Refresh.</source>
        <translation>Aucun chiffre à afficher pour l&apos;instant.

Le serveur est injoignable et aucun chiffre n&apos;a été enregistré sur cet ordinateur. Connectez-vous (Fichier ▸ Se connecter…) ou vérifiez la connexion, puis cliquez sur Actualiser.</translation>
    </message>
    <message>
        <source>Offline — figures as of %1</source>
        <translation>Hors ligne — chiffres du %1</translation>
    </message>
    <message>
        <source>Offline — saved figures</source>
        <translation>Hors ligne — chiffres enregistrés</translation>
    </message>
    <message>
        <source>The server cannot be reached; these are the figures saved at the last successful refresh. Press Refresh to try again.</source>
        <translation>Le serveur est injoignable ; voici les chiffres enregistrés lors de la dernière actualisation réussie. Cliquez sur Actualiser pour réessayer.</translation>
    </message>
    <message>
        <source>My drafts</source>
        <translation>Mes brouillons</translation>
    </message>
    <message>
        <source>Acceptance %</source>
        <translation>Acceptation %</translation>
    </message>
    <message>
        <source>Mean edit size %</source>
        <translation>Ampleur moyenne des modifications %</translation>
    </message>
    <message>
        <source>Flags</source>
        <translation>Signalements</translation>
    </message>
    <message>
        <source>Escalations</source>
        <translation>Escalades</translation>
    </message>
    <message>
        <source>Engine version changed</source>
        <translation>Version du moteur changée</translation>
    </message>
    <message>
        <source>Week</source>
        <translation>Semaine</translation>
    </message>
    <message>
        <source>Share of drafts</source>
        <translation>Part des brouillons</translation>
    </message>
    <message>
        <source>Drafts</source>
        <translation>Brouillons</translation>
    </message>
    <message>
        <source>Perfectly calibrated</source>
        <translation>Calibrage parfait</translation>
    </message>
    <message>
        <source>Observed acceptance</source>
        <translation>Acceptation observée</translation>
    </message>
    <message>
        <source>Displayed confidence</source>
        <translation>Confiance affichée</translation>
    </message>
    <message>
        <source>Drafts sent (share)</source>
        <translation>Brouillons envoyés (part)</translation>
    </message>
    <message>
        <source>%1 · %2 · %3</source>
        <translation>%1 · %2 · %3</translation>
    </message>
    <message>
        <source>no reason given</source>
        <translation>aucune raison donnée</translation>
    </message>
    <message>
        <source>No open flags.</source>
        <translation>Aucun signalement ouvert.</translation>
    </message>
    <message numerus="yes">
        <source>%n open flag(s)</source>
        <translation>
            <numerusform>%n signalement ouvert</numerusform>
            <numerusform>%n signalements ouverts</numerusform>
        </translation>
    </message>
    <message>
        <source>Ticket %1, flagged by %2</source>
        <translation>Ticket %1, signalé par %2</translation>
    </message>
    <message>
        <source>Reason: %1 · confidence %2 · %3</source>
        <translation>Raison : %1 · confiance %2 · %3</translation>
    </message>
    <message>
        <source>none given</source>
        <translation>aucune</translation>
    </message>
    <message>
        <source>Sources</source>
        <translation>Sources</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Aucune</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>Impossible d&apos;écrire %1 : %2</translation>
    </message>
    <message>
        <source>Export the figures per agent</source>
        <translation>Exporter les chiffres par agent</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Fichiers CSV (*.csv)</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n agent(s) to %1.</source>
        <translation>
            <numerusform>%n agent exporté vers %1.</numerusform>
            <numerusform>%n agents exportés vers %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Team statistics…</source>
        <translation>Statistiques de l&apos;é&amp;quipe…</translation>
    </message>
    <message>
        <source>&amp;My statistics…</source>
        <translation>&amp;Mes statistiques…</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>Affic&amp;hage</translation>
    </message>
    <message>
        <source>No figures to show: the server refused them (see the message above).</source>
        <translation>Aucun chiffre : le serveur les a refusés (voir le message ci-dessus).</translation>
    </message>
    <message>
        <source>No drafts were shown or acted on from %1 to %2.</source>
        <translation>Aucun brouillon n&apos;a été affiché ni traité du %1 au %2.</translation>
    </message>
    <message>
        <source>Marked “%1” reviewed.</source>
        <translation>« %1 » marqué comme vérifié.</translation>
    </message>
    <message>
        <source>Marked “%1” reviewed; tick Show reviewed to see it again.</source>
        <translation>« %1 » marqué comme vérifié ; cochez « Afficher les vérifiés » pour le revoir.</translation>
    </message>
    <message>
        <source>Cannot mark “%1” reviewed: %2</source>
        <translation>Impossible de marquer « %1 » comme vérifié : %2</translation>
    </message>
    <message>
        <source>Spikes</source>
        <translation>Pics</translation>
    </message>
    <message>
        <source>Show re&amp;viewed</source>
        <translation>Afficher les &amp;vérifiés</translation>
    </message>
    <message>
        <source>Also list the topics and articles someone has already marked reviewed</source>
        <translation>Lister aussi les sujets et articles déjà marqués comme vérifiés</translation>
    </message>
    <message>
        <source>Topics with problems</source>
        <translation>Sujets à problèmes</translation>
    </message>
    <message>
        <source>&amp;Mark topic reviewed</source>
        <translation>&amp;Marquer le sujet comme vérifié</translation>
    </message>
    <message>
        <source>Mark the topic reviewed</source>
        <translation>Marquer le sujet comme vérifié</translation>
    </message>
    <message>
        <source>Articles behind flagged or rejected drafts</source>
        <translation>Articles à l&apos;origine de brouillons signalés ou rejetés</translation>
    </message>
    <message>
        <source>&amp;Open article</source>
        <translation>&amp;Ouvrir l&apos;article</translation>
    </message>
    <message>
        <source>Open the article in the knowledge base</source>
        <translation>Ouvrir l&apos;article dans la base de connaissances</translation>
    </message>
    <message>
        <source>Mark art&amp;icle reviewed</source>
        <translation>Marquer l&apos;a&amp;rticle comme vérifié</translation>
    </message>
    <message>
        <source>Mark the article reviewed</source>
        <translation>Marquer l&apos;article comme vérifié</translation>
    </message>
    <message>
        <source>Knowledge &amp;gaps</source>
        <translation>Lacunes de la &amp;base de connaissances</translation>
    </message>
    <message>
        <source>All reviewed (%1); tick Show reviewed to see them.</source>
        <translation>Tous vérifiés (%1) ; cochez « Afficher les vérifiés » pour les voir.</translation>
    </message>
    <message>
        <source>%1 (reviewed, not shown: %2)</source>
        <translation>%1 (vérifiés, non affichés : %2)</translation>
    </message>
    <message>
        <source>Topics: no drafts with problems in this period.</source>
        <translation>Sujets : aucun brouillon à problème sur cette période.</translation>
    </message>
    <message>
        <source>Topics whose drafts had problems (low confidence, no source, rejected, flagged), most first:</source>
        <translation>Sujets dont les brouillons ont eu des problèmes (confiance faible, sans source, rejetés, signalés), les plus nombreux d&apos;abord :</translation>
    </message>
    <message>
        <source>Articles: no flagged or rejected drafts built on one.</source>
        <translation>Articles : aucun brouillon signalé ou rejeté n&apos;en est issu.</translation>
    </message>
    <message>
        <source>Articles that flagged or rejected drafts were built on, most flags and outdated-information rejects first:</source>
        <translation>Articles à l&apos;origine de brouillons signalés ou rejetés, les plus signalés et rejetés pour obsolescence d&apos;abord :</translation>
    </message>
    <message>
        <source>No spikes this week (week of %1): no topic drew at least 5 drafts and twice its usual weekly number.</source>
        <translation>Aucun pic cette semaine (semaine du %1) : aucun sujet n&apos;a atteint 5 brouillons et le double de son volume hebdomadaire habituel.</translation>
    </message>
    <message>
        <source>Possible product issue: %1 — %2 tickets this week vs ~%3 a week before (×%4)</source>
        <translation>Problème produit possible : %1 — %2 tickets cette semaine contre ~%3 par semaine auparavant (×%4)</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1 : %2</translation>
    </message>
    <message>
        <source>Week of %1. Example tickets:
%2</source>
        <translation>Semaine du %1. Exemples de tickets :
%2</translation>
    </message>
    <message>
        <source>Choose a resolution…</source>
        <translation>Choisir une résolution…</translation>
    </message>
    <message>
        <source>Past replies and macros behind flagged drafts</source>
        <translation>Réponses passées et macros derrière les brouillons signalés</translation>
    </message>
    <message>
        <source>Not enough data yet: no drafts were acted on in this range.</source>
        <translation>Pas encore assez de données : aucun brouillon traité sur cette période.</translation>
    </message>
    <message>
        <source>Not enough data yet for a trend: one week so far. Its figures are the points below; lines appear from the second week.</source>
        <translation>Pas encore assez de données pour une tendance : une seule semaine. Ses chiffres sont les points ci-dessous ; les lignes apparaissent dès la deuxième semaine.</translation>
    </message>
    <message numerus="yes">
        <source>Not enough data yet: %n draft(s) acted on in this range. The line joins the confidence bands with at least %1 drafts; the counts are along the top.</source>
        <translation>
            <numerusform>Pas encore assez de données : %n brouillon traité sur cette période. La ligne relie les tranches de confiance d’au moins %1 brouillons ; les effectifs sont en haut.</numerusform>
            <numerusform>Pas encore assez de données : %n brouillons traités sur cette période. La ligne relie les tranches de confiance d’au moins %1 brouillons ; les effectifs sont en haut.</numerusform>
        </translation>
    </message>
    <message>
        <source>Fewer than %1 drafts</source>
        <translation>Moins de %1 brouillons</translation>
    </message>
    <message>
        <source>Drafts per band</source>
        <translation>Brouillons par tranche</translation>
    </message>
    <message>
        <source>Draft (flagged)</source>
        <translation>Brouillon (signalé)</translation>
    </message>
    <message>
        <source>Reply sent</source>
        <translation>Réponse envoyée</translation>
    </message>
    <message>
        <source>No reply sent yet.</source>
        <translation>Aucune réponse envoyée pour l’instant.</translation>
    </message>
    <message>
        <source>reply to “%1”</source>
        <translation>réponse à « %1 »</translation>
    </message>
    <message>
        <source>reply on %1: “%2”</source>
        <translation>réponse sur %1 : « %2 »</translation>
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
        <translation>Réponses passées et macros : aucune derrière un brouillon signalé.</translation>
    </message>
    <message>
        <source>Past replies and macros that flagged drafts were built on:</source>
        <translation>Réponses passées et macros sur lesquelles reposaient des brouillons signalés :</translation>
    </message>
</context>
<context>
    <name>understudy::app::LoginDialog</name>
    <message>
        <source>Sign in to a server</source>
        <translation>Se connecter à un serveur</translation>
    </message>
    <message>
        <source>&amp;Server:</source>
        <translation>&amp;Serveur :</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Nom :</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Mot de passe :</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Se connecter</translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation>Connexion…</translation>
    </message>
    <message>
        <source>&amp;Remember me on this computer (in the desktop keyring)</source>
        <translation>Se &amp;souvenir de moi sur cet ordinateur (dans le trousseau du bureau)</translation>
    </message>
    <message>
        <source>Unticked, the sign-in lasts for this session only and nothing is written to the keyring: use it when no keyring (GNOME Keyring, KWallet) runs in your session.</source>
        <translation>Décoché, la connexion ne vaut que pour cette session et rien n’est écrit dans le trousseau : à utiliser quand aucun trousseau (GNOME Keyring, KWallet) ne tourne dans votre session.</translation>
    </message>
    <message>
        <source>Corrections are kept on this computer and shared with your team through the server. Your password is not stored; the sign-in token goes to the desktop keyring, or is kept for this session only.</source>
        <translation>Les corrections sont conservées sur cet ordinateur et partagées avec votre équipe via le serveur. Votre mot de passe n’est pas enregistré ; le jeton de connexion va dans le trousseau du bureau, ou n’est gardé que pour cette session.</translation>
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
        <translation>Rédaction prête</translation>
    </message>
    <message>
        <source>Drafting unavailable</source>
        <translation>Rédaction indisponible</translation>
    </message>
    <message>
        <source>Flagged as a bad answer. Thank you — this draft will count against its sources.</source>
        <translation>Signalé comme mauvaise réponse. Merci — ce brouillon comptera contre ses sources.</translation>
    </message>
    <message>
        <source>Draft rejected.</source>
        <translation>Brouillon rejeté.</translation>
    </message>
    <message>
        <source>Escalated to a human.</source>
        <translation>Escaladé vers un humain.</translation>
    </message>
    <message>
        <source>Reply sent.</source>
        <translation>Réponse envoyée.</translation>
    </message>
    <message>
        <source>Sent — </source>
        <translation>Envoyé — </translation>
    </message>
    <message>
        <source>Send undone — the reply was not sent.</source>
        <translation>Envoi annulé — la réponse n’a pas été envoyée.</translation>
    </message>
    <message>
        <source>Loading knowledge…</source>
        <translation>Chargement des connaissances…</translation>
    </message>
    <message>
        <source>&amp;Send</source>
        <translation>&amp;Envoyer</translation>
    </message>
    <message>
        <source>&amp;Reject…</source>
        <translation>&amp;Rejeter…</translation>
    </message>
    <message>
        <source>&amp;Flag bad answer</source>
        <translation>&amp;Mauvaise réponse</translation>
    </message>
    <message>
        <source>Re&amp;generate</source>
        <translation>Ré&amp;générer</translation>
    </message>
    <message>
        <source>&amp;Escalate</source>
        <translation>E&amp;scalader</translation>
    </message>
    <message>
        <source>&amp;Undo send</source>
        <translation>&amp;Annuler l’envoi</translation>
    </message>
    <message>
        <source>&amp;Knowledge base…</source>
        <translation>&amp;Base de connaissances…</translation>
    </message>
    <message>
        <source>Go to &amp;queue</source>
        <translation>Aller à la &amp;file d’attente</translation>
    </message>
    <message>
        <source>Search the &amp;queue</source>
        <translation>Rec&amp;hercher dans la file</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Paramètres…</translation>
    </message>
    <message>
        <source>&amp;About Understudy</source>
        <translation>À pr&amp;opos d’Understudy</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>Raccourcis &amp;clavier</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <source>&amp;Ticket</source>
        <translation>&amp;Ticket</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Aide</translation>
    </message>
    <message>
        <source>Search the queue</source>
        <translation>Rechercher dans la file d’attente</translation>
    </message>
    <message>
        <source>Search subject, customer, id…</source>
        <translation>Rechercher un sujet, un client, un identifiant…</translation>
    </message>
    <message>
        <source>Status filter</source>
        <translation>Filtre d’état</translation>
    </message>
    <message>
        <source>Open and pending</source>
        <translation>Ouverts et en attente</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>Tous les états</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Ouvert</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>En attente</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>Résolu</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Fermé</translation>
    </message>
    <message>
        <source>Tier filter</source>
        <translation>Filtre d’offre</translation>
    </message>
    <message>
        <source>All tiers</source>
        <translation>Toutes les offres</translation>
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
        <translation>Escaladés</translation>
    </message>
    <message>
        <source>Low confidence</source>
        <translation>Confiance faible</translation>
    </message>
    <message>
        <source>Ticket queue</source>
        <translation>File d’attente des tickets</translation>
    </message>
    <message>
        <source>Undo (Ctrl+Z)</source>
        <translation>Annuler (Ctrl+Z)</translation>
    </message>
    <message>
        <source>Undo send</source>
        <translation>Annuler l’envoi</translation>
    </message>
    <message>
        <source>Offline — standalone mode</source>
        <translation>Hors ligne — mode autonome</translation>
    </message>
    <message>
        <source>No server is configured: drafts and corrections stay on this computer until sync is set up.</source>
        <translation>Aucun serveur n’est configuré&#xa0;: les brouillons et corrections restent sur cet ordinateur jusqu’à la mise en place de la synchronisation.</translation>
    </message>
    <message>
        <source>Last sync: never</source>
        <translation>Dernière synchronisation&#xa0;: jamais</translation>
    </message>
    <message>
        <source>Outbox: %1</source>
        <translation>Boîte d’envoi&#xa0;: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n correction(s) waiting to be synced</source>
        <translation>
            <numerusform>%n correction en attente de synchronisation</numerusform>
            <numerusform>%n corrections en attente de synchronisation</numerusform>
        </translation>
    </message>
    <message>
        <source>Cannot read the customer&apos;s history: %1</source>
        <translation>Impossible de lire l’historique du client&#xa0;: %1</translation>
    </message>
    <message>
        <source>Nothing to send.</source>
        <translation>Rien à envoyer.</translation>
    </message>
    <message>
        <source>Only articles open in the knowledge-base browser; see the tooltip for this source.</source>
        <translation>Seuls les articles s’ouvrent dans le navigateur de la base de connaissances&#xa0;; voir l’infobulle de cette source.</translation>
    </message>
    <message>
        <source>About Understudy</source>
        <translation>À propos d’Understudy</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Understudy %1&lt;/h3&gt;&lt;p&gt;A desktop copilot for customer-support agents: it drafts a reply for the selected ticket, shows how confident it is and what it drew on, and learns from every send, edit, rejection and flag.&lt;/p&gt;&lt;p&gt;Licensed under the GNU GPL version 3 or later.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Understudy %1&lt;/h3&gt;&lt;p&gt;Un copilote de bureau pour les agents du support client&#xa0;: il rédige une réponse au ticket sélectionné, indique son niveau de confiance et les sources utilisées, et apprend de chaque envoi, modification, rejet et signalement.&lt;/p&gt;&lt;p&gt;Distribué sous licence GNU GPL version 3 ou ultérieure.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Raccourcis clavier</translation>
    </message>
    <message>
        <source>Reloading knowledge…</source>
        <translation>Rechargement des connaissances…</translation>
    </message>
    <message>
        <source>Settings saved.</source>
        <translation>Paramètres enregistrés.</translation>
    </message>
    <message>
        <source>Signed out — File ▸ Sign in…</source>
        <translation>Déconnecté — Fichier ▸ Se connecter…</translation>
    </message>
    <message>
        <source>Corrections are queued until you sign in to %1 again.</source>
        <translation>Les corrections sont mises en attente jusqu’à votre prochaine connexion à %1.</translation>
    </message>
    <message>
        <source>Offline — queued</source>
        <translation>Hors ligne — en attente</translation>
    </message>
    <message>
        <source>%1 cannot be reached; corrections are queued and sent when it is back.</source>
        <translation>%1 est injoignable ; les corrections sont mises en attente et envoyées dès son retour.</translation>
    </message>
    <message>
        <source>Online — %1</source>
        <translation>En ligne — %1</translation>
    </message>
    <message>
        <source>Synced with %1</source>
        <translation>Synchronisé avec %1</translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation>Synchronisation…</translation>
    </message>
    <message>
        <source>Exchanging changes with %1</source>
        <translation>Échange des modifications avec %1</translation>
    </message>
    <message>
        <source>Sign &amp;in…</source>
        <translation>Se &amp;connecter…</translation>
    </message>
    <message>
        <source>Sign &amp;out</source>
        <translation>Se &amp;déconnecter</translation>
    </message>
    <message>
        <source>Last sync: %1</source>
        <translation>Dernière synchronisation : %1</translation>
    </message>
    <message>
        <source>Sign in as someone &amp;else…</source>
        <translation>Se connecter sous un &amp;autre nom…</translation>
    </message>
    <message>
        <source>Placeholders left</source>
        <translation>Espaces réservés restants</translation>
    </message>
    <message>
        <source>The reply still has placeholders to fill: %1. Send anyway?</source>
        <translation>La réponse contient encore des espaces réservés à remplir : %1. Envoyer quand même ?</translation>
    </message>
    <message>
        <source>&amp;Send anyway</source>
        <translation>&amp;Envoyer quand même</translation>
    </message>
    <message>
        <source>&amp;Go back</source>
        <translation>&amp;Revenir</translation>
    </message>
    <message>
        <source>Down or Enter moves into the results</source>
        <translation>Flèche bas ou Entrée passe aux résultats</translation>
    </message>
    <message>
        <source>No tickets in this view. Change the filters above to see more.</source>
        <translation>Aucun ticket dans cette vue. Modifiez les filtres ci-dessus pour en voir davantage.</translation>
    </message>
    <message>
        <source>No tickets match “%1”. Check the spelling, search for fewer words or change the filters.</source>
        <translation>Aucun ticket ne correspond à « %1 ». Vérifiez l’orthographe, cherchez moins de mots ou modifiez les filtres.</translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation>&amp;Importer…</translation>
    </message>
    <message>
        <source>Import knowledge or tickets</source>
        <translation>Importer des connaissances ou des tickets</translation>
    </message>
    <message>
        <source>Knowledge, tickets and macros (*.md *.markdown *.html *.htm *.jsonl *.ndjson *.json *.csv *.tsv)</source>
        <translation>Connaissances, tickets et macros (*.md *.markdown *.html *.htm *.jsonl *.ndjson *.json *.csv *.tsv)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>Tickets imported.</source>
        <translation>Tickets importés.</translation>
    </message>
    <message>
        <source>Imported: drafts will use it in a moment.</source>
        <translation>Importé : les brouillons l&apos;utiliseront dans un instant.</translation>
    </message>
</context>
<context>
    <name>understudy::app::MessageBar</name>
    <message>
        <source>Messages</source>
        <translation>Messages</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <source>Dismiss message</source>
        <translation>Fermer le message</translation>
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
        <translation>Impossible de lire la file d’attente&#xa0;: %1</translation>
    </message>
    <message>
        <source>Cannot read ticket %1: %2</source>
        <translation>Impossible de lire le ticket %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>Cannot read more of the queue: %1</source>
        <translation>Impossible de lire la suite de la file d’attente&#xa0;: %1</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1&#xa0;min</translation>
    </message>
    <message>
        <source>%1 h</source>
        <translation>%1&#xa0;h</translation>
    </message>
    <message>
        <source>%1 d</source>
        <translation>%1&#xa0;j</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Ouvert</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>En attente</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>Résolu</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Fermé</translation>
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
        <translation>(sans objet)</translation>
    </message>
    <message>
        <source>Low confidence: %1%</source>
        <translation>Confiance faible&#xa0;: %1&#xa0;%</translation>
    </message>
    <message>
        <source>Confidence: %1%</source>
        <translation>Confiance&#xa0;: %1&#xa0;%</translation>
    </message>
    <message>
        <source>confidence %1 percent</source>
        <translation>confiance %1 pour cent</translation>
    </message>
    <message>
        <source>no draft yet</source>
        <translation>pas encore de brouillon</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Objet</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Client</translation>
    </message>
    <message>
        <source>Tier</source>
        <translation>Offre</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>État</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>Attente</translation>
    </message>
    <message>
        <source>Confidence</source>
        <translation>Confiance</translation>
    </message>
    <message>
        <source>%1 Escalated: the latest draft routes this ticket to a human</source>
        <translation>%1 Escaladé : le dernier brouillon confie ce ticket à un humain</translation>
    </message>
    <message>
        <source>%1 Escalated: an agent handed this ticket to a human</source>
        <translation>%1 Escaladé : un agent a confié ce ticket à un humain</translation>
    </message>
    <message>
        <source>%1 Flagged: an agent flagged a draft of this ticket as a bad answer</source>
        <translation>%1 Signalé : un agent a signalé un brouillon de ce ticket comme mauvaise réponse</translation>
    </message>
    <message>
        <source>escalated</source>
        <translation>escaladé</translation>
    </message>
    <message>
        <source>flagged as a bad answer</source>
        <translation>signalé comme mauvaise réponse</translation>
    </message>
    <message>
        <source>%1 escalated to a human · %2 a draft flagged as a bad answer</source>
        <translation>%1 escaladé à un humain · %2 un brouillon signalé comme mauvaise réponse</translation>
    </message>
</context>
<context>
    <name>understudy::app::RejectDialog</name>
    <message>
        <source>Reject draft</source>
        <translation>Rejeter le brouillon</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Motif</translation>
    </message>
    <message>
        <source>Wrong answer</source>
        <translation>Mauvaise réponse</translation>
    </message>
    <message>
        <source>Outdated information</source>
        <translation>Informations obsolètes</translation>
    </message>
    <message>
        <source>Wrong tone</source>
        <translation>Ton inapproprié</translation>
    </message>
    <message>
        <source>Missing information</source>
        <translation>Informations manquantes</translation>
    </message>
    <message>
        <source>Should have escalated</source>
        <translation>Aurait dû être escaladé</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Autre</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Remarque</translation>
    </message>
    <message>
        <source>What was wrong? (required for Other)</source>
        <translation>Qu’est-ce qui n’allait pas&#xa0;? (obligatoire pour «&#xa0;Autre&#xa0;»)</translation>
    </message>
    <message>
        <source>Reject</source>
        <translation>Rejeter</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>&amp;Motif&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Note:</source>
        <translation>&amp;Remarque&#xa0;:</translation>
    </message>
</context>
<context>
    <name>understudy::app::SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Paramètres</translation>
    </message>
    <message>
        <source>Low-confidence threshold</source>
        <translation>Seuil de confiance faible</translation>
    </message>
    <message>
        <source>Interface language</source>
        <translation>Langue de l’interface</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>Langue du système</translation>
    </message>
    <message>
        <source>&amp;Low confidence below:</source>
        <translation>Confiance &amp;faible en dessous de&#xa0;:</translation>
    </message>
    <message>
        <source>Interface &amp;language:</source>
        <translation>&amp;Langue de l’interface&#xa0;:</translation>
    </message>
    <message>
        <source>A new language applies at the next start.</source>
        <translation>Une nouvelle langue s’applique au prochain démarrage.</translation>
    </message>
    <message>
        <source>Settings — could not save: %1</source>
        <translation>Paramètres — enregistrement impossible&#xa0;: %1</translation>
    </message>
    <message>
        <source>Colour theme</source>
        <translation>Thème de couleurs</translation>
    </message>
    <message>
        <source>System</source>
        <translation>Système</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Clair</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Sombre</translation>
    </message>
    <message>
        <source>&amp;Theme:</source>
        <translation>&amp;Thème :</translation>
    </message>
    <message>
        <source>C&amp;hoose file…</source>
        <translation>C&amp;hoisir un fichier…</translation>
    </message>
    <message>
        <source>Choose a voice profile file</source>
        <translation>Choisir un fichier de profil de style</translation>
    </message>
    <message>
        <source>A JSON file with the team&apos;s greetings, sign-off and stock sentences per language</source>
        <translation>Un fichier JSON avec les salutations, la formule de politesse et les phrases types de l&apos;équipe par langue</translation>
    </message>
    <message>
        <source>&amp;Default</source>
        <translation>Par &amp;défaut</translation>
    </message>
    <message>
        <source>Use the default voice</source>
        <translation>Utiliser le style par défaut</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts…</source>
        <translation>&amp;Raccourcis clavier…</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Raccourcis clavier</translation>
    </message>
    <message>
        <source>&amp;Voice profile:</source>
        <translation>Profil de &amp;style :</translation>
    </message>
    <message>
        <source>Default voice</source>
        <translation>Style par défaut</translation>
    </message>
    <message>
        <source>custom</source>
        <translation>personnalisé</translation>
    </message>
    <message>
        <source>%1 (from %2)</source>
        <translation>%1 (depuis %2)</translation>
    </message>
    <message>
        <source>Choose a voice profile</source>
        <translation>Choisir un profil de style</translation>
    </message>
    <message>
        <source>Voice profiles (*.json);;All files (*)</source>
        <translation>Profils de style (*.json);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>Impossible de lire %1 : %2</translation>
    </message>
    <message>
        <source>%1 is larger than 1 MB: not a voice profile</source>
        <translation>%1 dépasse 1 Mo : ce n&apos;est pas un profil de style</translation>
    </message>
    <message>
        <source>%1 is not a usable voice profile: %2</source>
        <translation>%1 n&apos;est pas un profil de style utilisable : %2</translation>
    </message>
    <message>
        <source>Sign-off name</source>
        <translation>Nom de la signature</translation>
    </message>
    <message>
        <source>The name the reply signs off with</source>
        <translation>Le nom qui signe la réponse</translation>
    </message>
    <message>
        <source>The name the reply signs off with. Your actions are recorded under the account you are signed in with.</source>
        <translation>Le nom qui signe la réponse. Vos actions sont enregistrées sous le compte avec lequel vous êtes connecté.</translation>
    </message>
    <message>
        <source>&amp;Sign-off name:</source>
        <translation>Nom de la &amp;signature :</translation>
    </message>
</context>
<context>
    <name>understudy::app::SourcesModel</name>
    <message>
        <source>Article</source>
        <translation>Article</translation>
    </message>
    <message>
        <source>Past reply</source>
        <translation>Réponse passée</translation>
    </message>
    <message>
        <source>Macro</source>
        <translation>Macro</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titre</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Score</translation>
    </message>
    <message>
        <source>Snippet</source>
        <translation>Extrait</translation>
    </message>
</context>
<context>
    <name>understudy::app::SpellChecker</name>
    <message>
        <source>Spell-check is off for %1: no dictionary for it is installed (Debian package %2).</source>
        <translation>Correcteur désactivé pour %1 : aucun dictionnaire installé pour cette langue (paquet Debian %2).</translation>
    </message>
    <message>
        <source>Spell-check is off for %1: the dictionary %2 cannot be read.</source>
        <translation>Correcteur désactivé pour %1 : le dictionnaire %2 est illisible.</translation>
    </message>
    <message>
        <source>(no spelling suggestions)</source>
        <translation>(aucune suggestion)</translation>
    </message>
    <message>
        <source>&amp;Add “%1” to team dictionary</source>
        <translation>&amp;Ajouter « %1 » au dictionnaire de l&apos;équipe</translation>
    </message>
    <message>
        <source>&amp;Ignore “%1”</source>
        <translation>&amp;Ignorer « %1 »</translation>
    </message>
</context>
<context>
    <name>understudy::app::SyncController</name>
    <message>
        <source>Ticket %1 is being handled by %2: your reply was NOT sent to the customer.</source>
        <translation>Le ticket %1 est traité par %2 : votre réponse n’a PAS été envoyée au client.</translation>
    </message>
    <message>
        <source>another agent</source>
        <translation>un autre agent</translation>
    </message>
    <message>
        <source>The server refused the reply to ticket %1: %2</source>
        <translation>Le serveur a refusé la réponse au ticket %1 : %2</translation>
    </message>
    <message>
        <source>Signed out of %1: %2. Corrections stay queued until you sign in again.</source>
        <translation>Déconnecté de %1 : %2. Les corrections restent en attente jusqu’à votre prochaine connexion.</translation>
    </message>
    <message>
        <source>Working offline: %1. Corrections are queued and sent when the server is back.</source>
        <translation>Travail hors ligne : %1. Les corrections sont mises en attente et envoyées au retour du serveur.</translation>
    </message>
    <message>
        <source>Sync failed: %1</source>
        <translation>Échec de la synchronisation : %1</translation>
    </message>
    <message>
        <source>Cannot read the sync settings: %1</source>
        <translation>Impossible de lire les réglages de synchronisation : %1</translation>
    </message>
    <message>
        <source>“%1” is not a server address (e.g. http://127.0.0.1:8470)</source>
        <translation>« %1 » n’est pas une adresse de serveur (p. ex. http://127.0.0.1:8470)</translation>
    </message>
    <message>
        <source>Enter your name and password.</source>
        <translation>Saisissez votre nom et votre mot de passe.</translation>
    </message>
    <message>
        <source>Cannot keep the server address: %1</source>
        <translation>Impossible d’enregistrer l’adresse du serveur : %1</translation>
    </message>
    <message>
        <source>Cannot keep the user name: %1</source>
        <translation>Impossible d’enregistrer le nom d’utilisateur : %1</translation>
    </message>
    <message>
        <source>Cannot keep the role: %1</source>
        <translation>Impossible de conserver le rôle : %1</translation>
    </message>
    <message>
        <source>Signed in for this session only: no desktop keyring is available to remember the sign-in, so you will be asked to sign in again at the next start. To stay signed in, start GNOME Keyring or KWallet in your desktop session (Debian: install the gnome-keyring package, then log in again).</source>
        <translation>Connecté pour cette session seulement : aucun trousseau du bureau ne peut retenir la connexion, elle vous sera redemandée au prochain démarrage. Pour rester connecté, lancez GNOME Keyring ou KWallet dans votre session (Debian : installez le paquet gnome-keyring, puis reconnectez-vous).</translation>
    </message>
    <message>
        <source>The desktop keyring cannot be read, so you are signed out. Sign in again (File ▸ Sign in…) for this session, or start GNOME Keyring or KWallet in your desktop session to stay signed in.</source>
        <translation>Le trousseau du bureau est illisible, vous êtes donc déconnecté. Reconnectez-vous pour cette session (Fichier ▸ Se connecter…) ou lancez GNOME Keyring ou KWallet dans votre session pour rester connecté.</translation>
    </message>
</context>
<context>
    <name>understudy::app::TicketView</name>
    <message>
        <source>Ticket subject</source>
        <translation>Objet du ticket</translation>
    </message>
    <message>
        <source>Conversation</source>
        <translation>Conversation</translation>
    </message>
    <message>
        <source>Customer name</source>
        <translation>Nom du client</translation>
    </message>
    <message>
        <source>Previous tickets of this customer</source>
        <translation>Tickets précédents de ce client</translation>
    </message>
    <message>
        <source>What the customer already tried</source>
        <translation>Ce que le client a déjà essayé</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Client</translation>
    </message>
    <message>
        <source>Previous tickets:</source>
        <translation>Tickets précédents&#xa0;:</translation>
    </message>
    <message>
        <source>Agent</source>
        <translation>Agent</translation>
    </message>
    <message>
        <source>(no subject)</source>
        <translation>(sans objet)</translation>
    </message>
    <message>
        <source>Unknown customer</source>
        <translation>Client inconnu</translation>
    </message>
    <message>
        <source>tier unknown</source>
        <translation>offre inconnue</translation>
    </message>
    <message>
        <source>No previous tickets</source>
        <translation>Aucun ticket précédent</translation>
    </message>
    <message>
        <source>&lt;b&gt;Already tried:&lt;/b&gt; %1</source>
        <translation>&lt;b&gt;Déjà essayé&#xa0;:&lt;/b&gt; %1</translation>
    </message>
    <message>
        <source>Select a ticket in the queue</source>
        <translation>Sélectionnez un ticket dans la file d’attente</translation>
    </message>
</context>
</TS>
