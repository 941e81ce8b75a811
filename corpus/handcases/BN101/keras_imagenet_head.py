from tensorflow import keras
from tensorflow.keras import layers

base = keras.applications.ResNet50(weights="imagenet", include_top=False, pooling="avg")
x = layers.Dense(256)(base.output)  # expect: BN101
x = layers.BatchNormalization()(x)
x = layers.ReLU()(x)
model = keras.Model(base.input, layers.Dense(10)(x))
model.load_weights("finetuned.h5")
