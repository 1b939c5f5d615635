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
        <source>The agent&apos;s name (events and sign-off).</source>
        <translation>Le nom de l’agent (événements et signature).</translation>
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
        <source>Corrections are kept on this computer and shared with your team through the server. Your password is not stored; the sign-in token goes to the desktop keyring.</source>
        <translation>Les corrections sont conservées sur cet ordinateur et partagées avec votre équipe via le serveur. Votre mot de passe n’est pas enregistré ; le jeton de connexion va dans le trousseau du bureau.</translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation>Connexion…</translation>
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
        <source>The latest draft routes this ticket to a human</source>
        <translation>Le dernier brouillon transmet ce ticket à un humain</translation>
    </message>
    <message>
        <source>escalate</source>
        <translation>escalader</translation>
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
        <source>Escalation: the latest draft routes the ticket to a human</source>
        <translation>Escalade&#xa0;: le dernier brouillon transmet le ticket à un humain</translation>
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
        <source>An agent escalated this ticket</source>
        <translation>Un agent a escaladé ce ticket</translation>
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
        <source>Agent name</source>
        <translation>Nom de l’agent</translation>
    </message>
    <message>
        <source>Used in the reply&apos;s sign-off</source>
        <translation>Utilisé dans la signature de la réponse</translation>
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
        <source>&amp;Agent name:</source>
        <translation>&amp;Nom de l’agent&#xa0;:</translation>
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
        <source>Signed in for this session only: %1</source>
        <translation>Connecté pour cette session seulement : %1</translation>
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
