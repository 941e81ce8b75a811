from tensorflow import keras

base = keras.applications.VGG16(include_top=False, weights="imagenet")
base.trainable = False
inputs = keras.Input(shape=(224, 224, 3))
x = base(inputs)
model = keras.Model(inputs, keras.layers.Dense(1)(keras.layers.Flatten()(x)))
base.trainable = True
