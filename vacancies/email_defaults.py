"""The status e-mails FairMatch ships with, in English and French (plain data, no ORM).

Loaded by a data migration; HR admins then edit them in the Django admin. Placeholders:
``$first_name``, ``$last_name``, ``$vacancy``, ``$organisation``, ``$status``.
"""

from typing import Final

DEFAULT_EMAIL_TEMPLATES: Final[dict[tuple[str, str], tuple[str, str]]] = {
    ("screening", "en"): (
        "Your application for $vacancy",
        "Dear $first_name,\n\nThank you for applying for $vacancy. We are reviewing your "
        "application and will be in touch soon.\n\nKind regards,\n$organisation",
    ),
    ("screening", "fr"): (
        "Votre candidature au poste $vacancy",
        "Bonjour $first_name,\n\nMerci pour votre candidature au poste $vacancy. Nous "
        "l'étudions et revenons vers vous rapidement.\n\nCordialement,\n$organisation",
    ),
    ("interview", "en"): (
        "Interview for $vacancy",
        "Dear $first_name,\n\nWe would like to meet you for an interview for $vacancy. "
        "You will receive an invitation with the date and place.\n\nKind regards,\n$organisation",
    ),
    ("interview", "fr"): (
        "Entretien pour le poste $vacancy",
        "Bonjour $first_name,\n\nNous souhaitons vous rencontrer en entretien pour le poste "
        "$vacancy. Vous recevrez une invitation avec la date et le lieu.\n\nCordialement,\n"
        "$organisation",
    ),
    ("offer", "en"): (
        "An offer for $vacancy",
        "Dear $first_name,\n\nWe are pleased to make you an offer for $vacancy. We will call "
        "you to discuss the details.\n\nKind regards,\n$organisation",
    ),
    ("offer", "fr"): (
        "Une proposition pour le poste $vacancy",
        "Bonjour $first_name,\n\nNous avons le plaisir de vous faire une proposition pour le "
        "poste $vacancy. Nous vous appellerons pour en parler.\n\nCordialement,\n$organisation",
    ),
    ("hired", "en"): (
        "Welcome aboard: $vacancy",
        "Dear $first_name,\n\nWelcome! We look forward to working with you as $vacancy.\n\n"
        "Kind regards,\n$organisation",
    ),
    ("hired", "fr"): (
        "Bienvenue : $vacancy",
        "Bonjour $first_name,\n\nBienvenue ! Nous avons hâte de travailler avec vous au poste "
        "$vacancy.\n\nCordialement,\n$organisation",
    ),
    ("rejected", "en"): (
        "Your application for $vacancy",
        "Dear $first_name,\n\nThank you for your interest in $vacancy. After careful review, "
        "we will not take your application further.\n\nKind regards,\n$organisation",
    ),
    ("rejected", "fr"): (
        "Votre candidature au poste $vacancy",
        "Bonjour $first_name,\n\nMerci de l'intérêt que vous portez au poste $vacancy. Après "
        "examen, nous ne donnerons pas suite à votre candidature.\n\nCordialement,\n"
        "$organisation",
    ),
    ("talent_pool", "en"): (
        "Staying in touch after $vacancy",
        "Dear $first_name,\n\nWe have kept your profile in our talent pool and will contact "
        "you about future openings.\n\nKind regards,\n$organisation",
    ),
    ("talent_pool", "fr"): (
        "Restons en contact après le poste $vacancy",
        "Bonjour $first_name,\n\nNous conservons votre profil dans notre vivier et vous "
        "contacterons pour de prochaines offres.\n\nCordialement,\n$organisation",
    ),
}
