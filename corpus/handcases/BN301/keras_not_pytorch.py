from tensorflow.keras import layers

# Keras' own convention: 0.99 is correct here
bn = layers.BatchNormalization(momentum=0.99)
