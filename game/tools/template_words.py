"""The words of `new`'s template, one set per channel: a customer at the desk, a caller, a chat.

Each set tells the same story in the template's shape (`scenario_template.py`): an outburst, a
demand for a manager, a question of what happens now. The right answers are ones a trainer would
sign; the wrong ones are what a tired, well-meaning new hire really says, about as long as the
right one, and every poor answer's feedback gives the better words.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ChannelWords:
    """Everything the template says for one channel. `portrait` and `scene` are ids, the rest text."""

    summary: str
    name: str
    portrait: str
    scene: str
    narration: str
    opening_say_1: str
    opening_say_2: str
    acknowledge_text: str
    acknowledge_feedback: str
    calm_down_text: str
    calm_down_feedback: str
    i_understand_text: str
    i_understand_feedback: str
    promise_text: str
    promise_feedback: str
    manager_say_1: str
    manager_say_2: str
    silence_feedback: str
    hold_limit_text: str
    hold_limit_feedback: str
    snap_text: str
    snap_feedback: str
    pass_on_text: str
    pass_on_feedback: str
    what_now_say_1: str
    what_now_say_2: str
    fix_it_text: str
    fix_it_hint: str
    fix_it_feedback: str
    ask_now_text: str
    ask_now_feedback: str
    policy_text: str
    policy_feedback: str
    sorted_title: str
    sorted_text: str
    walked_out_title: str
    walked_out_text: str


IDS = frozenset({"portrait", "scene"})  # written as they are; every other field is quoted text

AT_THE_DESK = ChannelWords(
    summary=(
        "A woman comes to the Northvale Water counter with a bill for £212. She usually pays £38 a quarter,"
        " and she wants to know who has made the mistake."
    ),
    name="Denise Okafor",
    portrait="older-woman",
    scene="counter",
    narration=(
        "A woman walks past the ticket machine and puts a bill flat on the counter in front of you."
        " She has underlined the total twice."
    ),
    opening_say_1=(
        "Two hundred and twelve pounds! I pay thirty-eight pounds a quarter. Somebody here has made a mistake,"
        " and it wasn't me."
    ),
    opening_say_2="Look at this bill. Two hundred and twelve pounds, for one person in a flat. What have you lot done?",
    acknowledge_text="That's a big jump from your usual bill. Have you got your account number? I'll look now.",
    acknowledge_feedback=(
        "You said out loud that the jump matters, and went straight to helping. Asking for her account number"
        " means you can actually look, instead of guessing."
    ),
    calm_down_text="Okay, there's no need to get worked up. Bills do go up in winter, it's not always a mistake.",
    calm_down_feedback=(
        '"No need to get worked up" tells her the problem is her, and guessing that the bill is right before'
        " you have looked sounds like a brush-off. Better: \"That's a big jump from your usual bill. I'll look now.\""
    ),
    i_understand_text="I completely understand, and I'm so sorry. That must be really frustrating for you.",
    i_understand_feedback=(
        "It sounds kind, but it is a stock phrase, and it says nothing about what you will do. Show that it"
        ' matters by acting: "That\'s a big jump from your usual bill. Have you got your account number?"'
    ),
    promise_text="That can't be right at all. Don't worry, I'll make sure that bill gets cancelled today.",
    promise_feedback=(
        "It calms her for a moment, but you have promised to cancel a bill you haven't looked at, and you may"
        " not be able to. Be warm, and commit only to what you can do: \"That's a big jump from your usual bill."
        " I'll look now.\""
    ),
    manager_say_1="I don't want to hear it from you. Is there a manager here?",
    manager_say_2="I'd like to speak to someone who can actually do something. Get me your manager.",
    silence_feedback=(
        "She asked you a straight question and got silence, which looks as if you don't know what to do."
        ' A quick, steady answer keeps you in charge: "I can sort this out myself, and I\'d like to."'
    ),
    hold_limit_text="I can sort this out myself, and I'd like to. Have you got your account number?",
    hold_limit_feedback=(
        "You didn't refuse her and you didn't pass her on: you said, kindly and clearly, that you can help,"
        " and moved to doing it. That is a limit she can accept."
    ),
    snap_text="I'm only trying to help you here. There's no need to take it out on me.",
    snap_feedback=(
        "She is angry with the bill, not with you, and defending yourself makes it a fight about you."
        ' Let the remark go and move to the fix: "I can sort this out myself, and I\'d like to."'
    ),
    pass_on_text="My manager's in a meeting, I'm afraid. I can ask her to ring you back later today.",
    pass_on_feedback=(
        "It gets her away from the counter, but it puts off a problem you could fix yourself, and a call back"
        ' is one more wait. Offer to act now: "I can sort this out myself. Have you got your account number?"'
    ),
    what_now_say_1="So what happens now? I'm not paying two hundred pounds for water I haven't used.",
    what_now_say_2="Right. What are you actually going to do about it?",
    fix_it_text=(
        "It used an estimated reading, and that's far too high. I've put the bill on hold: send a meter photo"
        " today and you'll get a corrected one in five days."
    ),
    fix_it_hint="You'd need her account number to see how this bill was worked out: ask for it early.",
    fix_it_feedback=(
        "You found the cause, said it plainly, and told her exactly what happens next and when."
        " That is what turns an apology into a fix."
    ),
    ask_now_text=(
        "Let me take your account number now, then I'll check how this bill was worked out and tell you"
        " exactly what happens next."
    ),
    ask_now_feedback=(
        "A good question, but late: she has waited all this time for you to ask it. Ask for the account"
        ' number at the start, while you show it matters, and by now you could say: "I\'ve put the bill on hold."'
    ),
    policy_text=(
        "You'll have to pay it for now, I'm afraid. If the reading turns out to be wrong, the difference"
        " comes back as a credit on your next bill."
    ),
    policy_feedback=(
        'It may be the rule, but with nothing else on offer it sounds like "pay up and go away", for money'
        ' she may not have. Say what you can do: "I\'ve put the bill on hold while we check the reading."'
    ),
    sorted_title="She knows what happens next",
    sorted_text=(
        "She leaves knowing what will happen to her bill, and when. At the door she turns and thanks you"
        " for taking it seriously."
    ),
    walked_out_title="She walked out",
    walked_out_text=(
        "She takes the bill off the counter and leaves, saying she will write to the complaints team."
        " The wrong bill is still on her account."
    ),
)

ON_THE_PHONE = ChannelWords(
    summary=(
        "A customer rings the Northvale Water repairs line. The engineer booked to fix the leak outside her"
        " house never came yesterday, and she took the day off work, unpaid, to wait in."
    ),
    name="Lorna Baxter",
    portrait="caller-woman",
    scene="phone",
    narration=(
        "The repairs line rings. The caller has been on hold for twelve minutes, and she starts talking"
        " before you have finished your greeting."
    ),
    opening_say_1=(
        "I waited in all day yesterday for your engineer. Nobody came and nobody rang. I lost a day's pay for that."
    ),
    opening_say_2=(
        "Your engineer was booked for yesterday. I stayed off work, unpaid, and no one turned up."
        " Not even a phone call."
    ),
    acknowledge_text="A day's pay lost and not even a call: that's not right. Can I take your name and postcode?",
    acknowledge_feedback=(
        "You named what it cost her and moved straight to helping. Her name and postcode let you open the"
        " right booking: on the phone, checking who you are talking to is part of helping."
    ),
    calm_down_text=(
        "Okay, try and stay calm for me. Engineers do get held up on emergency jobs sometimes, I'm afraid."
    ),
    calm_down_feedback=(
        '"Stay calm" tells her the problem is her, and the excuse takes the engineer\'s side before you know'
        " what happened. Better: \"A day's pay lost and not even a call: that's not right. Let me look into it.\""
    ),
    i_understand_text="I completely understand how annoying that is. I'm very sorry for the inconvenience.",
    i_understand_feedback=(
        '"Sorry for the inconvenience" is the script she expected, and a lost day\'s pay is more than an'
        " inconvenience. Name what it cost her and act: \"A day's pay lost and not even a call: that's not"
        ' right. Can I take your name and postcode?"'
    ),
    promise_text="That's awful, I'm so sorry. I'll get an engineer out to you first thing tomorrow, I promise.",
    promise_feedback=(
        "It sounds like help, but you have promised a visit before finding her booking or knowing whether an"
        " engineer is free. Commit only to what you can do: \"A day's pay lost and not even a call: that's not"
        ' right. Can I take your name and postcode?"'
    ),
    manager_say_1="Don't read me a script. Put me through to a manager.",
    manager_say_2="I want to speak to someone senior. Put me through, please.",
    silence_feedback=(
        "On the phone she can't see you thinking: silence sounds as if nobody is there. Answer at once,"
        ' even before you have it all worked out: "I can sort this out myself, and I\'d like to."'
    ),
    hold_limit_text="I can sort this out for you myself, and I'd like to. Can I take your name and postcode?",
    hold_limit_feedback=(
        "You didn't refuse her and you didn't pass her on: you said, kindly and clearly, that you can help,"
        " and started doing it. That is a limit she can accept."
    ),
    snap_text="I'm only trying to help. There's really no need to take that tone with me.",
    snap_feedback=(
        "Her anger is with the missed visit, not with you, and defending yourself makes it a fight about you."
        ' Let the tone go and move to the fix: "I can sort this out myself, and I\'d like to."'
    ),
    pass_on_text="There's no manager free at the moment, I'm afraid. I can ask one to call you back later?",
    pass_on_feedback=(
        "It ends the call, but it puts off a problem you could fix yourself, and she has already lost a day"
        ' waiting. Offer to act now: "I can sort this out myself. Can I take your name and postcode?"'
    ),
    what_now_say_1="So when is someone actually coming? I can't take another day off.",
    what_now_say_2="And what happens now? Because I'm not losing another day's pay.",
    fix_it_text=(
        "I've booked Saturday, 8 till 10, and the engineer will ring when he sets off."
        " I've also logged the missed visit for a £30 credit."
    ),
    fix_it_hint="You'd need her name and postcode to open her booking: ask for them early.",
    fix_it_feedback=(
        "A time that fits her week, a call before he comes, and something for the day she lost: she knows"
        " exactly what happens next, and when."
    ),
    ask_now_text=(
        "Let me take your name and postcode now, then I'll find your booking and tell you exactly what I can do"
        " for you."
    ),
    ask_now_feedback=(
        "The right question, but late: all this time you could not open her booking. Ask for her details"
        " at the start, and by now you could say: \"I've booked Saturday morning, and the engineer will"
        ' ring before he comes."'
    ),
    policy_text=(
        "All I can do is put you back on the list, I'm afraid. The next free slot is Thursday, any time from 8 till 6."
    ),
    policy_feedback=(
        "She told you she can't lose another day, and this asks her to lose exactly that. Look for what fits"
        ' her: "I\'ve booked Saturday morning, and the engineer will ring when he sets off."'
    ),
    sorted_title="A visit she can make",
    sorted_text=(
        "She rings off knowing when the engineer is coming and what happens about the day she lost."
        " She even says thank you."
    ),
    walked_out_title="She hung up",
    walked_out_text=(
        "The line goes quiet, then dead. The leak is still not booked in, and her next call will be to"
        " the complaints team."
    ),
)

IN_A_CHAT = ChannelWords(
    summary=(
        "A customer opens a chat with the Kestrel Home online shop. His order says delivered, but it is not"
        " there, and it is his daughter's birthday present for Saturday."
    ),
    name="Jas Mehta",
    portrait="young-man",
    scene="chat",
    narration="A new chat opens on your screen. The customer has sent three messages before you have typed hello.",
    opening_say_1=(
        "my order says DELIVERED. it is not here. it's my daughter's birthday present and her party is on saturday"
    ),
    opening_say_2=(
        "Tracking says delivered at 2:14pm. It's not on my doorstep and it's not with the neighbours."
        " It's a birthday present!!"
    ),
    acknowledge_text="Oh no, and with the party on Saturday. Could you send me your order number? I'll look now.",
    acknowledge_feedback=(
        "You picked up what matters to him, the party, and moved straight to helping. The order number"
        " lets you check the tracking instead of guessing."
    ),
    calm_down_text=(
        "Please don't worry! Parcels marked as delivered usually turn up within a day or two, so hang in there."
    ),
    calm_down_feedback=(
        '"Don\'t worry" tells him how to feel, and "it usually turns up" is a guess about a present he needs'
        ' by Saturday. Better: "Oh no, and with the party on Saturday. I\'ll look into it now."'
    ),
    i_understand_text="I understand how upsetting this must be, and I apologise for any inconvenience caused.",
    i_understand_feedback=(
        "In a chat, a stock line looks copied and pasted, and he will notice. Show it matters by acting:"
        ' "Oh no, and with the party on Saturday. Could you send me your order number?"'
    ),
    promise_text="So sorry about that! I'll send a replacement out today so it definitely arrives before Saturday.",
    promise_feedback=(
        'Kind, but you have promised a replacement before checking the order or the stock, and "definitely"'
        " is a promise you may break on his daughter's birthday. Commit only to what you can do: \"Could you"
        " send me your order number? I'll look now.\""
    ),
    manager_say_1="i don't want a bot reading me lines. is there an actual manager i can talk to",
    manager_say_2="Can I speak to a supervisor, please? I want this dealt with properly.",
    silence_feedback=(
        "In a chat, no reply looks as if nobody is there, or as if you have gone to find an excuse."
        ' Send something at once: "I can sort this out myself. Could you send me your order number?"'
    ),
    hold_limit_text="I can sort this out for you myself, and I'd like to. Could you send me your order number?",
    hold_limit_feedback=(
        "You didn't refuse him and you didn't pass him on: you said, kindly and clearly, that you can help,"
        " and asked for what you need. That is a limit he can accept."
    ),
    snap_text="There's no need to be rude. I'm trying to help you, so please give me a minute.",
    snap_feedback=(
        "He is angry with the missing parcel, not with you, and in writing a telling-off looks even colder."
        ' Let it go and move to the fix: "I can sort this out myself. Could you send me your order number?"'
    ),
    pass_on_text="I'm not able to transfer chats, but you can email our complaints team and they'll get back to you.",
    pass_on_feedback=(
        "It sends him off to wait for an email when you could fix this yourself, and the party is on Saturday."
        ' Offer to act now: "I can sort this out myself. Could you send me your order number?"'
    ),
    what_now_say_1="so what now?? i need it by saturday",
    what_now_say_2="OK. So what are you going to do? She turns seven on Saturday.",
    fix_it_text=(
        "The courier's photo shows a different door. I've sent a replacement by next-day delivery, so it'll be"
        " with you tomorrow."
    ),
    fix_it_hint="You'd need his order number to see the tracking: ask for it early.",
    fix_it_feedback=(
        "You found what went wrong, said it plainly, and put a new present on its way with a day to spare."
        " He knows exactly what happens next, and when."
    ),
    ask_now_text=(
        "Could you send me your order number? Then I can check the tracking and tell you exactly what happens next."
    ),
    ask_now_feedback=(
        "The right question, but late: he has waited all this time for you to ask it. Ask for the order number"
        " at the start, and by now you could say: \"I've sent a replacement, and it'll be with you tomorrow.\""
    ),
    policy_text=(
        "We have to wait 48 hours before we can treat a delivered parcel as lost, I'm afraid."
        " Can you check again on Thursday?"
    ),
    policy_feedback=(
        "It may be the rule, but it leaves him hoping a present turns up in time, with nothing else on offer."
        ' Say what you can do: "I\'ve sent a replacement by next-day delivery."'
    ),
    sorted_title="In time for the party",
    sorted_text=(
        "He signs off with a thumbs-up: he knows what happens next and when, with time to spare before Saturday."
    ),
    walked_out_title="He closed the chat",
    walked_out_text=(
        'His last message says "forget it". He buys a present somewhere else and leaves a one-star review'
        " about the wait."
    ),
)

WORDS_BY_CHANNEL = {"in-person": AT_THE_DESK, "phone": ON_THE_PHONE, "chat": IN_A_CHAT}
WHO_BY_CHANNEL = {
    "in-person": "a customer at the desk",
    "phone": "a caller on the phone",
    "chat": "a customer in a chat",
}
