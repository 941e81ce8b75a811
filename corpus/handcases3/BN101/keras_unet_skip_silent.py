from tensorflow.keras import layers, Model

inp = layers.Input((128, 128, 1))
c1 = layers.Conv2D(32, 3, padding="same")(inp)
b1 = layers.Activation("relu")(layers.BatchNormalization()(c1))
p1 = layers.MaxPooling2D()(b1)
c2 = layers.Conv2D(64, 3, padding="same", use_bias=False)(p1)
b2 = layers.Activation("relu")(layers.BatchNormalization()(c2))
u1 = layers.UpSampling2D()(b2)
m1 = layers.Concatenate()([u1, c1])  # the raw conv output is reused here: its bias matters
out = layers.Conv2D(1, 1, activation="sigmoid")(m1)
model = Model(inp, out)
