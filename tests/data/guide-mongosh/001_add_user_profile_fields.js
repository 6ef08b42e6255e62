        db.users.updateMany(
            {},
            {
                $set: {
                    "profile.timezone": "UTC",
                    "profile.language": "en",
                    "profile.notifications": {
                        "email": true,
                        "push": true,
                        "sms": false
                    }
                }
            }
        )
