"""English text rules: urgency, deadlines, disrespect, unspoken expectations."""

from tests.textrules_common import language_tests

LANG = "en"

DEADLINES = [  # the message was sent on Tuesday 10 March 2026 at 10:00
    ("Can you send me the revised budget by tomorrow morning?", "2026-03-11 10:00"),
    ("Please have the slides ready by Friday at 3pm.", "2026-03-13 15:00"),
    ("I need the final copy by end of day.", "2026-03-10 18:00"),
    ("Could you get the invoice fixed EOD tomorrow?", "2026-03-11 18:00"),
    ("Please deliver the translation within 2 hours.", "2026-03-10 12:00"),
    ("We need it by next Monday, please.", "2026-03-16 18:00"),
    ("Please send the report by 4pm.", "2026-03-10 16:00"),
    ("Deadline: 12 March.", "2026-03-12 18:00"),
    ("Can you finish the mock-ups by the end of the week?", "2026-03-13 18:00"),
    ("Please submit the figures no later than 20 March at 9am.", "2026-03-20 09:00"),
    ("I need this today, ideally before lunch.", "2026-03-10 12:00"),
    ("Could you send it over this afternoon?", "2026-03-10 15:00"),
    ("Please get it to me the day after tomorrow.", "2026-03-12 18:00"),
    ("Please review the contract by the end of the month.", "2026-03-31 18:00"),
]

LAST_MINUTE = [
    ("Can you do the newsletter by tonight?", True),
    ("Please send it within the hour.", True),
    ("Please finish the landing page by Wednesday.", True),
    ("Please have the brochure ready by Friday 13 March.", False),
    ("Could you look at this by next week?", False),
    ("We'll need the audit by 31 March.", False),
]

URGENT = [
    "URGENT: the checkout page is down.",
    "Please fix this ASAP.",
    "I need the corrected file as soon as possible.",
    "Call me immediately when you see this.",
    "This is top priority, drop everything else.",
    "Please send it right away.",
]

CALM = [
    "I had a call this morning with the board.",
    "Tomorrow morning I'm at the dentist.",
    "No rush on this one, whenever you get a chance.",
    "This is not urgent at all.",
    "Take your time with the review, it isn't urgent.",
    "I'll be in Rome tomorrow, so we can talk on Monday.",
    "Thanks for today, it was a great call.",
    "I showed the draft to the team on Friday and they loved it.",
]

DISRESPECT = [
    ("You are an idiot.", 3, "insult"),
    ("Honestly, you're completely useless.", 3, "insult"),
    ("What kind of moron writes a brief like this?", 2, "insult"),
    ("This is complete garbage, a five-year-old could do better.", 3, "contempt"),
    ("What exactly am I paying you for?", 2, "contempt"),
    ("Let me explain this slowly, since you clearly don't get it.", 2, "condescension"),
    ("Is that really too hard for you?", 2, "condescension"),
    ("Fix it or you'll regret it. I know where you live.", 3, "threat"),
    ("We will sue you if the site is not live on Monday.", 2, "threat"),
    ("WHY IS THE WEBSITE STILL NOT UPDATED, I TOLD YOU YESTERDAY!!!", 2, "shouting"),
    ("Fuck off and don't write to me again.", 3, "insult"),
    ("Shut up and do your job.", 3, "insult"),
    ("This report is a waste of my time.", 2, "contempt"),
    ("Thanks, sweetheart.", 1, "condescension"),
    ("Don't be an idiot, read the brief.", 2, "insult"),
    ("Don't you dare ignore me again, you idiot.", 3, "insult"),
    # Condescension, contempt and sarcasm aimed at the person (rude: severity 1-2).
    ("Do I have to explain everything to you twice?", 2, "condescension"),
    ("Do you even read my e-mails before replying?", 2, "contempt"),
    ("Honestly, what exactly do you do all day?", 2, "contempt"),
    ("Well done, genius, you've deleted the live database.", 2, "contempt"),
    ("Try using your brain for once.", 2, "condescension"),
    ("Even a child could follow these instructions.", 2, "condescension"),
    ("I'm not paying you to argue with me.", 2, "contempt"),
    ("Grow up and stop whining about the feedback.", 2, "condescension"),
    ('Oh wonderful, yet another "final" version.', 1, "contempt"),
    ("Stop wasting my time with excuses.", 2, "contempt"),
    ("I regret ever hiring you.", 2, "contempt"),
    ("Nobody asked for your opinion on the pricing.", 2, "contempt"),
    ("You clearly have no idea what you're doing.", 2, "contempt"),
    ("Can't you do anything right?", 2, "contempt"),
    ("I'll leave you a scathing one-star review everywhere.", 2, "threat"),
    # Insults aimed at the reader, degrading remarks and personal threats (serious).
    ("Are you stupid or what? I said PNG.", 3, "insult"),
    ("You're the worst developer we've ever worked with.", 3, "insult"),
    ("Not bad for a girl, I suppose.", 3, "hate"),
    ("We'll see how tough you are when I turn up at your office.", 3, "threat"),
    ("Do it again and you'll be sorry.", 3, "threat"),
    ("Keep ignoring my emails and I'll make sure nobody in this industry ever hires you again.",
     3, "threat"),
]

POLITE = [
    "You're not an idiot, the brief really was unclear.",
    "Dear Anna, thank you for the draft. Could you shorten the second section?",
    "Great work on the launch, the team is delighted!",
    "I'm sorry, I misread your message. The new version is fine.",
    "Could we move our call to Thursday? Something came up.",
    "The printer in our office is acting up again, so I'll send the scan tomorrow.",
    "Please find attached the signed contract and the PDF of the VAT receipt.",
    "Not sure the colours work on mobile; what do you think?",
    "I have a question about the invoice: is VAT included?",
    "We had a dumpling lunch with the team, see the photos in the shared folder.",
    "Hello! Hope you had a lovely weekend. A quick reminder about Friday's workshop.",
    "The client from Sussex loved the proposal. Let's keep this momentum.",
    "The FAQ and the CSV export are ready for review.",
    # Near misses: self-deprecation, negation, hypotheses, literal uses of loaded words.
    "I'm such an idiot, I attached the wrong file again. Sorry!",
    "Sorry, stupid question: do you invoice in euros?",
    "You're not stupid at all, the brief was confusing.",
    "I'm not saying you are incompetent; the brief was vague.",
    "How hard would it be to add a French version?",
    "Do you speak English, or would you prefer Polish?",
    "Please send it by Friday, or else the printer can't fit us in.",
    "Thanks so much for your kind words about the launch.",
    "Don't bother replying to this one, it's just for your records.",
    "We'll figure it out together on Monday's call.",
    "I'll send you the failure logs from the server tonight.",
    "It would be a waste of money to reprint the flyers, so let's keep them.",
    "Great job, you broke our record for sign-ups this month!",
    "Late deliveries could ruin your reputation with other clients, so let's plan ahead.",
    "There's a chink in our armour: the checkout page is slow on mobile.",
    "We are shooting in a typical Italian trattoria next week.",
    "We will involve our legal team to draft the NDA.",
    "Calm down the colours a bit, they feel too loud.",
    "You had one job offer already? Congratulations!",
    "This must be fixed today; it is the third time I am asking.",
    "I will not pay for these extra hours, as per our contract.",
]

EXPECTATIONS = [
    ("That's not what I asked for.", "rework"),
    ("This is not at all what we had in mind, please redo it.", "rework"),
    ("I never asked for a blue logo.", "rework"),
    ("We'll have to start over from scratch.", "rework"),
    ("What do you mean by 'phase two'?", "clarification"),
    ("As I already told you, the header must stay.", "clarification"),
    ("For the third time: the logo goes on the left.", "clarification"),
    ("Just make it pop, you know what I mean?", "vague"),
    ("I'll know it when I see it.", "vague"),
    ("Not sure what I want yet, surprise me.", "vague"),
]

PLAIN = [
    "Please move the logo 10 px to the left and use the blue from the style guide.",
    "The new version is exactly what we wanted, thank you.",
    "Could you add the March figures to the table on page 3?",
    "Approved. Please go ahead with printing 500 copies.",
]

LONG = (
    "Hi Tom, thanks for sending the draft of the report. I have read it with the team and "
    "we would like a few changes before Friday: the summary should be shorter and the "
    "charts need the March figures. Let me know if you have any questions. Best, Anna"
)


globals().update(language_tests(LANG, globals(), hint="it"))
